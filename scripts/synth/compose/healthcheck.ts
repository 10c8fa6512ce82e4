import type { Problem, Take } from "./service";
import { durationSeconds, literalText } from "./values";

/**
 * A compose `healthcheck` as the service's `containerHealthCheck`. Fargate never runs an image's
 * own HEALTHCHECK (ECS monitors only the checks of the container definition; ECS Developer Guide,
 * task definition parameters, "Health check") while the host's Docker does: so berth needs the
 * command itself, and cannot switch an image's check off on both targets alike.
 */

/** Compose's timing keys and the spec's fields they set. */
const TIMING = { interval: "intervalSeconds", timeout: "timeoutSeconds", start_period: "startPeriodSeconds" } as const;

export function healthcheckOf(value: unknown, problem: Problem, take: Take): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problem(["healthcheck"], "must be a mapping { test, interval?, timeout?, retries?, start_period? }");
    return undefined;
  }
  const { test, retries, disable, start_interval: startInterval, interval, timeout, start_period: startPeriod, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) problem(["healthcheck", key], "is not a healthcheck key berth maps (test, interval, timeout, retries, start_period): remove it");
  if (startInterval !== undefined) problem(["healthcheck", "start_interval"], "has no counterpart in ECS, which checks at one interval (ECS API Reference, HealthCheck): remove it");
  if (disable === true || (Array.isArray(test) && test[0] === "NONE")) {
    problem(["healthcheck", disable === true ? "disable" : "test"], "turns the image's HEALTHCHECK off, which berth cannot do on both targets (Fargate never runs it; the host's Docker would): remove the HEALTHCHECK from the Dockerfile instead");
    return undefined;
  }
  if (disable !== undefined && disable !== false) problem(["healthcheck", "disable"], `must be true or false (got ${JSON.stringify(disable)})`);
  const command = commandOf(test, problem, take);
  const out: Record<string, unknown> = command ? { command } : {};
  for (const [key, field] of Object.entries(TIMING)) {
    const given = { interval, timeout, start_period: startPeriod }[key];
    if (given === undefined) continue;
    const seconds = take(["healthcheck", key], durationSeconds(given));
    if (seconds !== undefined) out[field] = seconds;
  }
  if (retries !== undefined) out.retries = retries;
  return command ? out : undefined;
}

/** `test` as a spec command: a string runs in the container's shell (CMD-SHELL), a list as written. */
function commandOf(test: unknown, problem: Problem, take: Take): string[] | undefined {
  if (test === undefined) {
    problem(["healthcheck"], 'has no test: give the command, e.g. test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (Fargate runs no image HEALTHCHECK)');
    return undefined;
  }
  if (typeof test === "string") {
    const text = take(["healthcheck", "test"], literalText(test));
    return text === undefined ? undefined : ["CMD-SHELL", text];
  }
  if (!Array.isArray(test) || test.some((word) => typeof word !== "string")) {
    problem(["healthcheck", "test"], `must be a string (run by the shell) or a list starting with "CMD" or "CMD-SHELL" (got ${JSON.stringify(test)})`);
    return undefined;
  }
  const words = test.map((word, i) => take(["healthcheck", "test", i], literalText(word as string)));
  return words.includes(undefined) ? undefined : (words as string[]);
}
