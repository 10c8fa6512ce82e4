import { ACCEPTED_EDGES, REFUSED_EDGES } from "../../fixtures/ecs/health-check-ranges";
import { CERTIFICATE_ARN, problemsOf, resolved } from "../../helpers";
import { ec2Spec, specProblems } from "./same-rule/support";

/** The service's containerHealthCheck: run by both targets, with ECS's ranges and defaults. */

const command = ["CMD", "/ready"];
const check = (more: Record<string, unknown>) => ({ containerHealthCheck: { command, ...more } });

describe("containerHealthCheck ranges (ECS API Reference, HealthCheck; test/fixtures/ecs/health-check-ranges.ts)", () => {
  it.each(ACCEPTED_EDGES)("accepts %s %d", (field, value) => {
    expect(specProblems(check({ [field]: value }))).toEqual([]);
  });

  it.each(REFUSED_EDGES)("refuses %s %d, naming ECS's range", (field, value, range) => {
    expect(specProblems(check({ [field]: value }))).toEqual([`containerHealthCheck.${field}: must be a whole number from ${range} (got ${value})`]);
  });
});

describe("containerHealthCheck.command", () => {
  it('accepts ["CMD", executable, several arguments]', () => {
    expect(specProblems({ containerHealthCheck: { command: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] } })).toEqual([]);
  });

  it('accepts ["CMD-SHELL", one command]', () => {
    expect(specProblems({ containerHealthCheck: { command: ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/ || exit 1"] } })).toEqual([]);
  });

  it("refuses a string, naming both forms", () => {
    expect(specProblems({ containerHealthCheck: { command: "CMD /ready" } })).toEqual([
      'containerHealthCheck.command: must be a health check command: ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got "CMD /ready")',
    ]);
  });

  it('refuses a list that starts with neither "CMD" nor "CMD-SHELL"', () => {
    expect(specProblems({ containerHealthCheck: { command: ["/ready"] } })).toEqual([
      'containerHealthCheck.command: must start with "CMD" or "CMD-SHELL": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["/ready"])',
    ]);
  });

  it('refuses "CMD" alone, asking for the command after it', () => {
    expect(specProblems({ containerHealthCheck: { command: ["CMD"] } })).toEqual([
      'containerHealthCheck.command: must name the command after "CMD": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["CMD"])',
    ]);
  });

  it('refuses "CMD-SHELL" followed by an empty string', () => {
    expect(specProblems({ containerHealthCheck: { command: ["CMD-SHELL", ""] } })).toEqual([
      'containerHealthCheck.command: must name the command after "CMD-SHELL": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["CMD-SHELL",""])',
    ]);
  });

  // Docker appends every string after CMD-SHELL to `sh -c`: the second becomes the shell's $0.
  it('refuses "CMD-SHELL" followed by two strings, saying the shell would read the second as $0', () => {
    expect(specProblems({ containerHealthCheck: { command: ["CMD-SHELL", "wget", "http://127.0.0.1/"] } })).toEqual([
      'containerHealthCheck.command: must hold one string after "CMD-SHELL" (the shell runs the first and reads the others as its $0, $1…): write the whole command as one string, or use "CMD" with one argument per string (got ["CMD-SHELL","wget","http://127.0.0.1/"])',
    ]);
  });

  it("refuses a check without a command", () => {
    expect(specProblems({ containerHealthCheck: { intervalSeconds: 10 } })).toEqual([
      'containerHealthCheck.command: must be a health check command: ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got nothing: the field is required)',
    ]);
  });
});

describe("containerHealthCheck defaults (ECS API Reference, HealthCheck: interval 30, timeout 5, retries 3; no start period)", () => {
  it("intervalSeconds: 30", () => expect(resolved(check({})).containerHealthCheck?.intervalSeconds).toBe(30));
  it("timeoutSeconds: 5", () => expect(resolved(check({})).containerHealthCheck?.timeoutSeconds).toBe(5));
  it("retries: 3", () => expect(resolved(check({})).containerHealthCheck?.retries).toBe(3));
  it("startPeriodSeconds: 0", () => expect(resolved(check({})).containerHealthCheck?.startPeriodSeconds).toBe(0));
  it("none when the spec gives none", () => expect(resolved().containerHealthCheck).toBeUndefined());
});

describe("containerHealthCheck beside fargate.containerHealthCheck", () => {
  it("refuses both at once, keeping the service's", () => {
    expect(specProblems({ ...check({}), fargate: { plainHttp: true, containerHealthCheck: ["CMD", "/ready"] } })).toEqual([
      "fargate.containerHealthCheck: is given together with containerHealthCheck, the service's check that both targets run: keep containerHealthCheck (it sets its own interval, timeout, retries and start period) and remove this one (got [\"CMD\",\"/ready\"])",
    ]);
  });
});

describe("containerHealthCheck.intervalSeconds against ec2.updateTimeoutSeconds (Docker reference, HEALTHCHECK: the first check runs one interval after start)", () => {
  it("accepts an interval one second shorter than the update timeout", () => {
    expect(specProblems(ec2Spec({ ...check({ intervalSeconds: 179 }), ec2: { updateTimeoutSeconds: 180 } }))).toEqual([]);
  });

  it("refuses an interval equal to the given update timeout, at ec2.updateTimeoutSeconds", () => {
    expect(specProblems(ec2Spec({ ...check({ intervalSeconds: 180 }), ec2: { updateTimeoutSeconds: 180 } }))).toEqual([
      "ec2.updateTimeoutSeconds: leaves ec2.updateTimeoutSeconds (180) no longer than containerHealthCheck.intervalSeconds (180): Docker runs the first check one interval after the container starts (Docker reference, HEALTHCHECK) and every update would roll back before it; make updateTimeoutSeconds longer than the interval (got 180)",
    ]);
  });

  it("refuses an interval of 180 s against the default update timeout (180 s), at the interval", () => {
    expect(specProblems(ec2Spec(check({ intervalSeconds: 180 })))).toEqual([
      "containerHealthCheck.intervalSeconds: leaves ec2.updateTimeoutSeconds (180) no longer than containerHealthCheck.intervalSeconds (180): Docker runs the first check one interval after the container starts (Docker reference, HEALTHCHECK) and every update would roll back before it; make updateTimeoutSeconds longer than the interval (got 180)",
    ]);
  });
});

describe("containerHealthCheck in the services form", () => {
  it("is reported under the service's name", () => {
    expect(
      problemsOf({
        app: "shop",
        region: "eu-west-1",
        targets: ["fargate"],
        fargate: { https: { certificateArn: CERTIFICATE_ARN } },
        services: { api: { image: { context: "./api" }, port: 8080, expose: "public", containerHealthCheck: { command, retries: 11 } } },
      }),
    ).toEqual(["services.api.containerHealthCheck.retries: must be a whole number from 1 to 10 (got 11)"]);
  });
});
