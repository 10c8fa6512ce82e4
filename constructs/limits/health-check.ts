import { rangeProblem, type Pattern, type Range } from "./rule";

/**
 * A target group's health check (ELB API Reference, CreateTargetGroup; TF lb_target_group doc):
 * interval 5-300 s, timeout 2-120 s, healthy and unhealthy thresholds 2-10.
 */
export const TARGET_GROUP_HEALTH_CHECK = {
  intervalSeconds: { min: 5, max: 300, unit: "seconds" },
  timeoutSeconds: { min: 2, max: 120, unit: "seconds" },
  healthyThreshold: { min: 2, max: 10 },
  unhealthyThreshold: { min: 2, max: 10 },
} as const satisfies Record<string, Range>;

/** An ALB target group's matcher: codes from 200 to 499, single, ranges or comma lists (TF lb_target_group doc). */
export const ALB_HEALTHY_HTTP_CODES: Pattern = {
  pattern: /^[2-4]\d\d(?:-[2-4]\d\d)?(?:,[2-4]\d\d(?:-[2-4]\d\d)?)*$/,
  allowed: 'HTTP codes from 200 to 499 like "200" or "200-399"',
};

/** A health check path: ELB allows up to 1024 characters (ELB API Reference, HealthCheckPath). */
export const HEALTH_CHECK_PATH: Pattern = {
  pattern: /^\/[\x21-\x7e]{0,1023}$/,
  allowed: 'an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters)',
};

/** Seconds a target group drains a deregistering target: 0-3600 (TF lb_target_group doc, deregistration_delay). */
export const DEREGISTRATION_DELAY: Range = { min: 0, max: 3600, unit: "seconds" };

/** An ALB's idle timeout: 1-4000 s (ELB User Guide, application-load-balancers.html, "Connection idle timeout"). */
export const ALB_IDLE_TIMEOUT: Range = { min: 1, max: 4000, unit: "seconds" };

/**
 * ECS's ranges for a container health check (ECS API Reference, HealthCheck): interval 5-300 s,
 * timeout 2-60 s, retries 1-10, startPeriod 0-300 s. Narrower than the target group's timeout.
 */
export const CONTAINER_HEALTH_CHECK = {
  intervalSeconds: { min: 5, max: 300, unit: "seconds", ecsField: "interval" },
  timeoutSeconds: { min: 2, max: 60, unit: "seconds", ecsField: "timeout" },
  retries: { min: 1, max: 10, ecsField: "retries" },
  startPeriodSeconds: { min: 0, max: 300, unit: "seconds", ecsField: "startPeriod" },
} as const satisfies Record<string, Range & { ecsField: string }>;

/** A container health check with every setting given (ECS HealthCheck; the host's compose healthcheck). */
export interface ContainerHealthCheck {
  /** `["CMD", executable, ...args]`, or `["CMD-SHELL", "one shell command"]` run by the image's /bin/sh. */
  readonly command: readonly string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

/** What a container health check's command must look like, completing "must be …". */
export const HEALTH_COMMAND_ALLOWED =
  '["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]';

/**
 * What is wrong with a health check command, or undefined. ECS and Docker take "CMD" (run the
 * arguments directly) or "CMD-SHELL" (run with the container's shell) first (ECS API Reference,
 * HealthCheck.command; Compose Specification, healthcheck.test). Docker appends every string after
 * "CMD-SHELL" to `sh -c`: a second string would become the shell's $0, not part of the command.
 */
export function healthCommandProblem(command: readonly string[]): string | undefined {
  const [kind, ...rest] = command;
  if (kind !== "CMD" && kind !== "CMD-SHELL") return `must start with "CMD" or "CMD-SHELL": ${HEALTH_COMMAND_ALLOWED}`;
  if (rest.length === 0 || rest[0] === "") return `must name the command after "${kind}": ${HEALTH_COMMAND_ALLOWED}`;
  if (kind === "CMD-SHELL" && rest.length > 1) {
    return `must hold one string after "CMD-SHELL" (the shell runs the first and reads the others as its $0, $1…): write the whole command as one string, or use "CMD" with one argument per string`;
  }
  return undefined;
}

/** What ECS would reject in a container health check, or undefined; `where` names the check (e.g. "container.healthCheck"). */
export function containerHealthCheckProblem(where: string, check: ContainerHealthCheck): string | undefined {
  const commandProblem = healthCommandProblem(check.command);
  if (commandProblem !== undefined) return `${where}.command ${commandProblem} (got ${JSON.stringify(check.command)})`;
  for (const [field, range] of Object.entries(CONTAINER_HEALTH_CHECK)) {
    const value = check[field as keyof typeof CONTAINER_HEALTH_CHECK];
    const problem = rangeProblem(range, value);
    if (problem !== undefined) {
      return `${where}.${field} ${problem}, got ${value}: ECS accepts no other container health check ${range.ecsField}; set a value in that range`;
    }
  }
  return undefined;
}
