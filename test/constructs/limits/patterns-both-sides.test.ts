import { ALB_HEALTHY_HTTP_CODES, HEALTH_CHECK_PATH } from "../../../constructs/limits/health-check";
import { bucketNameProblem } from "../../../constructs/limits/s3";
import { MOUNT_PATH } from "../../../constructs/limits/storage";
import { TAG_KEY } from "../../../constructs/limits/tags";

/**
 * Both sides of the parts of these patterns that the bounds mutation set found untried: each
 * accepted value beside the refused one that differs from it in that part alone.
 */

describe("an ALB matcher (TF lb_target_group: codes 200-499, single, ranges or comma lists)", () => {
  it.each(["200", "200-299", "200,302", "200,301-308", "200-299,404"])("accepts %s", (codes) => {
    expect(ALB_HEALTHY_HTTP_CODES.pattern.test(codes)).toBe(true);
  });

  it.each(["x200", "200,199", "200,2x0", "200,20x", "200,300-", "200,300-199", "200,300-3x9", "200,300-30x"])("refuses %s", (codes) => {
    expect(ALB_HEALTHY_HTTP_CODES.pattern.test(codes)).toBe(false);
  });
});

describe("a health check path (ELB: starts with /, printable ASCII)", () => {
  it("accepts /health", () => {
    expect(HEALTH_CHECK_PATH.pattern.test("/health")).toBe(true);
  });

  it("refuses health/x (no leading slash, a slash later)", () => {
    expect(HEALTH_CHECK_PATH.pattern.test("health/x")).toBe(false);
  });
});

describe("an S3 bucket name formatted as an IP address (S3 bucket naming rules)", () => {
  it.each(["192.168.5.4", "10.1.100.200"])("refuses %s", (name) => {
    expect(bucketNameProblem(name)).toBe("must not be formatted as an IP address (S3 bucket naming rules)");
  });

  it("accepts a name that only ends like an IP address", () => {
    expect(bucketNameProblem("logs.192.168.5.4")).toBeUndefined();
  });
});

describe("a volume mount path (absolute, not / itself)", () => {
  it.each(["/data", "/var/lib/app", "/var/lib/app/"])("accepts %s", (path) => {
    expect(MOUNT_PATH.pattern.test(path)).toBe(true);
  });

  it.each(["data/x", "/data x", "/var/lib app"])("refuses %s", (path) => {
    expect(MOUNT_PATH.pattern.test(path)).toBe(false);
  });
});

describe("a tag key (Tagging AWS Resources guide: letters, digits, spaces and _.:/=+-@)", () => {
  it("accepts a key with a space", () => {
    expect(TAG_KEY.pattern.test("cost center")).toBe(true);
  });

  it("refuses a key with a tab", () => {
    expect(TAG_KEY.pattern.test("cost\tcenter")).toBe(false);
  });
});
