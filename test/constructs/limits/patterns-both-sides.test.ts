import { ALB_HEALTHY_HTTP_CODES, HEALTH_CHECK_PATH } from "../../../constructs/limits/health-check";
import { iamActionProblem, iamResourceProblem } from "../../../constructs/limits/iam";
import { IMAGE_TAG, PINNED_REFERENCE } from "../../../constructs/limits/images";
import { ALB_RESERVED_NAME_PREFIX, ECR_REPOSITORY_NAME, ELB_NAME_CHARACTERS, ENV_NAME, VOLUME_NAME } from "../../../constructs/limits/names";
import { SECURITY_GROUP_RULE_DESCRIPTION, cidrProblem } from "../../../constructs/limits/network";
import { patternProblem } from "../../../constructs/limits/rule";
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

  it.each(["data/x", "/data x", "/var/lib app", "/", "//data", "/var//lib"])("refuses %s", (path) => {
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

describe("an IAM action (IAM User Guide, reference_policies_elements_action.html: <service prefix>:<action>)", () => {
  it("accepts s3:GetObject", () => {
    expect(iamActionProblem("s3:GetObject")).toBeUndefined();
  });

  it("refuses S3:GetObject (service prefixes are lower case)", () => {
    expect(iamActionProblem("S3:GetObject")).toBe('must be an IAM action like "s3:GetObject", without wildcards: name each action the app calls');
  });
});

describe("a resource ARN (IAM User Guide, reference-arns.html)", () => {
  it("accepts arn:aws:s3:::shop-uploads/*", () => {
    expect(iamResourceProblem("arn:aws:s3:::shop-uploads/*")).toBeUndefined();
  });

  it.each(["xarn:aws:s3:::shop-uploads/*", "arn:aws:s3:::shop uploads"])("refuses %s", (arn) => {
    expect(iamResourceProblem(arn)).toMatch(/^must be an ARN like "arn:aws:s3:::shop-uploads\/\*"/);
  });
});

// Docker's reference grammar (distribution/reference, regexp.go): a digest is sha256 and 64 hex digits.
describe("a pinned image reference (<repository>@sha256:<64 hex>)", () => {
  const repository = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web";
  it("accepts a repository with a digest", () => {
    expect(patternProblem(PINNED_REFERENCE, `${repository}@sha256:${"a".repeat(64)}`)).toBeUndefined();
  });

  it("refuses a repository with a tag, naming the form", () => {
    expect(patternProblem(PINNED_REFERENCE, `${repository}:1.0`)).toBe("must be <repository uri>@sha256:<64 hex digits>");
  });
});

// distribution/reference, regexp.go: a tag is [\w][\w.-]{0,127}.
describe("a Docker tag", () => {
  it.each(["v1.2.3", "_", "a".repeat(128)])("accepts %s", (tag) => {
    expect(patternProblem(IMAGE_TAG, tag)).toBeUndefined();
  });

  it.each([".hidden", "a".repeat(129)])("refuses %s, naming the grammar", (tag) => {
    expect(patternProblem(IMAGE_TAG, tag)).toBe('must be a Docker tag (a letter, digit or underscore, then up to 127 of those, "." or "-")');
  });
});

// POSIX.1-2017 3.235 "Name": letters, digits and underscores, not starting with a digit.
describe("an environment variable name", () => {
  it("accepts LOG_LEVEL", () => {
    expect(ENV_NAME.pattern.test("LOG_LEVEL")).toBe(true);
  });

  it("refuses LOG-LEVEL (a hyphen after a valid start)", () => {
    expect(ENV_NAME.pattern.test("LOG-LEVEL")).toBe(false);
  });
});

describe("a volume name (berth: lower case letters, digits, single hyphens)", () => {
  it("accepts app-data", () => {
    expect(VOLUME_NAME.pattern.test("app-data")).toBe(true);
  });

  it.each(["app--data", "app-"])("refuses %s", (name) => {
    expect(VOLUME_NAME.pattern.test(name)).toBe(false);
  });
});

// terraform-provider-aws internal/service/elbv2/validate.go: [0-9A-Za-z-], no hyphen at either end.
describe("an ALB or target group name's characters", () => {
  it.each(["a", "shop", "shop-prod", "Shop-Prod-1"])("accepts %s", (name) => {
    expect(ELB_NAME_CHARACTERS.test(name)).toBe(true);
  });

  it.each(["-shop", "shop-", "shop_prod"])("refuses %s", (name) => {
    expect(ELB_NAME_CHARACTERS.test(name)).toBe(false);
  });
});

// ELBv2 API Reference, CreateLoadBalancer Name: "must not begin with internal-".
describe("the ALB name prefix that is reserved", () => {
  it.each(["internal-shop", "Internal-shop"])("is found at the start of %s", (name) => {
    expect(ALB_RESERVED_NAME_PREFIX.test(name)).toBe(true);
  });

  it("is not found inside shop-internal-1", () => {
    expect(ALB_RESERVED_NAME_PREFIX.test("shop-internal-1")).toBe(false);
  });
});

// ECR API Reference, CreateRepository repositoryName: 2-256 characters,
// (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*
describe("an ECR repository name", () => {
  it.each(["shop", "shop-prod/web", "my-shop-prod/web", "a/b/c", "shop/web-api", "ab", "a".repeat(256)])("accepts %s", (name) => {
    expect(patternProblem(ECR_REPOSITORY_NAME, name)).toBeUndefined();
  });

  it.each(["Shop/web", "shop/web-", "a", "a".repeat(257)])("refuses %s, naming the rule", (name) => {
    expect(patternProblem(ECR_REPOSITORY_NAME, name)).toBe('must be an ECR repository name: 2-256 lower case letters, digits and . _ - separators, with "/" between path segments (e.g. "shop-prod/web")');
  });
});

// terraform-provider-aws verify.ValidIPv4CIDRNetworkAddress: a CIDR, nothing after the prefix.
describe("an IPv4 CIDR's end", () => {
  it("accepts 10.0.0.0/16", () => {
    expect(cidrProblem("10.0.0.0/16")).toBeUndefined();
  });

  it("refuses 10.0.0.0/16x", () => {
    expect(cidrProblem("10.0.0.0/16x")).toBe('must be an IPv4 CIDR like "203.0.113.0/24": four numbers from 0 to 255 and a prefix from 0 to 32');
  });
});

// EC2 API Reference, IpRange Description (terraform-provider-aws validSecurityGroupRuleDescription).
describe("a security group rule description", () => {
  it("accepts a single character", () => {
    expect(SECURITY_GROUP_RULE_DESCRIPTION.pattern.test("x")).toBe(true);
  });

  it("refuses a description of spaces only", () => {
    expect(SECURITY_GROUP_RULE_DESCRIPTION.pattern.test("   ")).toBe(false);
  });
});

