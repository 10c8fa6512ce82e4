import type { Range } from "./rule";

/**
 * Running copies of an ECS service. berth's own choice: at most 1000, a guard against a typo well
 * below ECS's quota of tasks per service (5,000 in the ECS service quotas; UNCONFIRMED: the
 * figure was not read in an AWS document here, so berth stays well below it).
 */
export const DESIRED_COUNT: Range = { min: 0, max: 1000 };

/**
 * ECS DeploymentConfiguration minimumHealthyPercent (ECS API Reference, DeploymentConfiguration:
 * a lower limit in percent of desiredCount, default 100). UNCONFIRMED: the API states no numeric
 * range; berth refuses above 100, which would keep more tasks than desired running.
 */
export const MIN_HEALTHY_PERCENT: Range = { min: 0, max: 100, unit: "percent" };

/**
 * ECS DeploymentConfiguration maximumPercent (ECS API Reference, DeploymentConfiguration: an upper
 * limit in percent of desiredCount, default 200). UNCONFIRMED: the API states no numeric range;
 * berth's own choice is 100-200: below 100 a deployment cannot start a task, above 200 it runs more
 * than twice the tasks (and their cost) at once.
 */
export const MAX_PERCENT: Range = { min: 100, max: 200, unit: "percent" };

/**
 * The task counts a rolling deployment is held between, when they leave it no room: ECS keeps at
 * least ceil(desired × min%) tasks running and starts at most floor(desired × max%) (ECS
 * Developer Guide, deployment-type-ecs.html); when neither lets one task change, the deployment
 * never progresses. Undefined when it can progress.
 */
export function deploymentDeadlock(desiredCount: number, minHealthyPercent: number, maxPercent: number): { atMost: number; atLeast: number } | undefined {
  const atMost = Math.floor((desiredCount * maxPercent) / 100);
  const atLeast = Math.ceil((desiredCount * minHealthyPercent) / 100);
  return desiredCount > 0 && atMost <= desiredCount && atLeast >= desiredCount ? { atMost, atLeast } : undefined;
}

/** A capacity provider's weight: 0-1000 (ECS API Reference, CapacityProviderStrategyItem weight). */
export const CAPACITY_WEIGHT: Range = { min: 0, max: 1000 };

/**
 * Seconds the app may take to start before health checks count: the service's
 * healthCheckGracePeriodSeconds on Fargate, the host's grace period on EC2. berth's own choice:
 * at most an hour (an app that needs longer is stuck, not starting); ECS allows far more
 * (UNCONFIRMED: 2147483647 in the ECS API Reference, CreateService).
 */
export const HEALTH_CHECK_GRACE_PERIOD: Range = { min: 0, max: 3600, unit: "seconds" };
