import type { Pattern, Range } from "./rule";

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
