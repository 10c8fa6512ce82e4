import { mapService } from "../../../../scripts/synth/compose/service";

/** A compose healthcheck (Compose Specification, healthcheck) as the service's containerHealthCheck. */

const context = { volumeNames: new Set<string>(), readEnvFile: () => undefined };
const mapped = (healthcheck: unknown) => mapService("web", { build: ".", healthcheck }, context);
const checkOf = (healthcheck: unknown) => mapped(healthcheck).service.containerHealthCheck;
const problems = (healthcheck: unknown) => mapped(healthcheck).problems.map((p) => `${p.path.join(".")}: ${p.message}`);

describe("a compose healthcheck maps", () => {
  it("with every key onto the containerHealthCheck fields", () => {
    expect(checkOf({ test: ["CMD", "/ready", "--quiet"], interval: "15s", timeout: "3s", retries: 4, start_period: "1m" })).toEqual({
      command: ["CMD", "/ready", "--quiet"],
      intervalSeconds: 15,
      timeoutSeconds: 3,
      retries: 4,
      startPeriodSeconds: 60,
    });
  });

  // Compose Specification, healthcheck: a string test "is equivalent to specifying CMD-SHELL followed by that string".
  it("a string test to CMD-SHELL with that string", () => {
    expect(checkOf({ test: "pg_isready -U postgres" })).toEqual({ command: ["CMD-SHELL", "pg_isready -U postgres"] });
  });

  it("a CMD-SHELL list as written", () => {
    expect(checkOf({ test: ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/ || exit 1"] })).toEqual({ command: ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/ || exit 1"] });
  });

  it("$$ in the test to a literal $", () => {
    expect(checkOf({ test: "test -n $$PORT" })).toEqual({ command: ["CMD-SHELL", "test -n $PORT"] });
  });

  it("disable: false to a check as if it were absent", () => {
    expect(checkOf({ test: ["CMD", "/ready"], disable: false })).toEqual({ command: ["CMD", "/ready"] });
  });

  it("nothing when the service has no healthcheck", () => {
    expect(mapService("web", { build: "." }, context).service).not.toHaveProperty("containerHealthCheck");
  });
});

describe("a compose healthcheck is refused", () => {
  it("when it is not a mapping", () => {
    expect(problems("CMD /ready")).toEqual(["services.web.healthcheck: must be a mapping { test, interval?, timeout?, retries?, start_period? }"]);
  });

  it("without a test, since Fargate runs no image HEALTHCHECK", () => {
    expect(problems({ interval: "10s" })).toEqual([
      'services.web.healthcheck: has no test: give the command, e.g. test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (Fargate runs no image HEALTHCHECK)',
    ]);
  });

  it("when the test is neither a string nor a list of strings", () => {
    expect(problems({ test: ["CMD", 5] })).toEqual(['services.web.healthcheck.test: must be a string (run by the shell) or a list starting with "CMD" or "CMD-SHELL" (got ["CMD",5])']);
  });

  it("when the test interpolates a variable", () => {
    expect(problems({ test: "test -n $PORT" })).toEqual([
      'services.web.healthcheck.test: interpolates a variable ("test -n $PORT"): berth reads no shell or .env variables at deploy; write the value itself, or set it under environment or secrets in berth.config.ts',
    ]);
  });

  it.each([
    ["disable: true", { disable: true }, "disable"],
    ['test: ["NONE"]', { test: ["NONE"] }, "test"],
  ])("when it turns the image's check off (%s)", (_, healthcheck, key) => {
    expect(problems(healthcheck)).toEqual([
      `services.web.healthcheck.${key}: turns the image's HEALTHCHECK off, which berth cannot do on both targets (Fargate never runs it; the host's Docker would): remove the HEALTHCHECK from the Dockerfile instead`,
    ]);
  });

  it("when disable is not a boolean", () => {
    expect(problems({ test: ["CMD", "/ready"], disable: "no" })).toEqual(['services.web.healthcheck.disable: must be true or false (got "no")']);
  });

  it("with start_interval, which ECS lacks", () => {
    expect(problems({ test: ["CMD", "/ready"], start_interval: "2s" })).toEqual([
      "services.web.healthcheck.start_interval: has no counterpart in ECS, which checks at one interval (ECS API Reference, HealthCheck): remove it",
    ]);
  });

  it("with a key the Compose Specification does not give healthcheck", () => {
    expect(problems({ test: ["CMD", "/ready"], every: "10s" })).toEqual(["services.web.healthcheck.every: is not a healthcheck key berth maps (test, interval, timeout, retries, start_period): remove it"]);
  });

  it.each(["interval", "timeout", "start_period"])("with a %s that is not a duration", (key) => {
    expect(problems({ test: ["CMD", "/ready"], [key]: 10 })).toEqual([`services.web.healthcheck.${key}: is not a duration like "30s" or "1m30s" (got 10)`]);
  });
});
