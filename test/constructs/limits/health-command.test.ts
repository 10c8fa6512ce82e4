import { containerHealthCheckProblem, healthCommandProblem } from "../../../constructs/limits/health-check";

/**
 * A container health check's command (ECS API Reference, HealthCheck.command: "CMD" runs the
 * arguments directly, "CMD-SHELL" with the container's shell; Compose Specification,
 * healthcheck.test the same). Docker appends every string after "CMD-SHELL" to `sh -c`.
 */

const TIMING = { intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 };

describe("healthCommandProblem", () => {
  it('accepts "CMD" with an executable and several arguments', () => {
    expect(healthCommandProblem(["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"])).toBeUndefined();
  });

  it('accepts "CMD-SHELL" with one command', () => {
    expect(healthCommandProblem(["CMD-SHELL", "pg_isready -U postgres"])).toBeUndefined();
  });

  it('refuses "CMD-SHELL" with two strings', () => {
    expect(healthCommandProblem(["CMD-SHELL", "pg_isready", "-U"])).toMatch(/^must hold one string after "CMD-SHELL" /);
  });
});

describe("containerHealthCheckProblem", () => {
  it("accepts a check with a command and ECS's default timing", () => {
    expect(containerHealthCheckProblem("containerHealthCheck", { command: ["CMD", "/ready"], ...TIMING })).toBeUndefined();
  });

  it("names the command's problem at <where>.command, with the command got", () => {
    expect(containerHealthCheckProblem("sidecars[0].healthCheck", { command: ["/ready"], ...TIMING })).toBe(
      'sidecars[0].healthCheck.command must start with "CMD" or "CMD-SHELL": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["/ready"])',
    );
  });
});
