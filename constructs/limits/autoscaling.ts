import type { Range } from "./rule";

/**
 * Application Auto Scaling accepts target values and cooldowns far beyond these (Application Auto
 * Scaling API Reference, TargetTrackingScalingPolicyConfiguration: TargetValue a double from
 * 8.515920e-109 to 1.174271e+108; ScaleInCooldown/ScaleOutCooldown integers, no range stated,
 * UNCONFIRMED). The ranges below are berth's own choices, refusing values that cannot work well.
 */

/** Tasks autoscaling keeps between: at least 1, at most DESIRED_COUNT's 1000 (berth's choice). */
export const SCALING_TASK_COUNT: Range = { min: 1, max: 1000 };

/**
 * Target average CPU or memory: berth's choice, 10-95. Below 10 the service scales out at idle;
 * above 95 tasks are saturated before it scales out.
 */
export const TARGET_UTILIZATION_PERCENT: Range = { min: 10, max: 95, unit: "percent" };

/** Target ALB requests per task: berth's choice, 1-100000, a guard against a typo. */
export const REQUESTS_PER_TARGET: Range = { min: 1, max: 100000 };

/** Seconds between scaling activities: berth's choice, at most an hour (the service cannot react for longer). */
export const SCALING_COOLDOWN: Range = { min: 0, max: 3600, unit: "seconds" };
