import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { Construct } from "constructs";
import { ValidationError, checkWholeNumber } from "../errors";
import { REQUESTS_PER_TARGET, SCALING_COOLDOWN, SCALING_TASK_COUNT, TARGET_UTILIZATION_PERCENT } from "../limits/autoscaling";

export interface ServiceAutoscalingProps {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly minCount: number;
  readonly maxCount: number;
  /** Target average CPU. @default 70 */
  readonly cpuPercent?: number;
  /** Target average memory. @default 80 */
  readonly memoryPercent?: number;
  /** Target ALB requests per task; needs `requestCountResourceLabel`. @default - not tracked */
  readonly requestsPerTarget?: number;
  readonly requestCountResourceLabel?: string;
  /** @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
}

/** Target tracking on CPU, memory and (optionally) ALB requests per target. */
export class ServiceAutoscaling extends Construct {
  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    const cpuPercent = props.cpuPercent ?? 70;
    const memoryPercent = props.memoryPercent ?? 80;
    const scaleInCooldown = props.scaleInCooldownSeconds ?? 300;
    const scaleOutCooldown = props.scaleOutCooldownSeconds ?? 60;
    checkWholeNumber(this, "minCount", props.minCount, SCALING_TASK_COUNT);
    checkWholeNumber(this, "maxCount", props.maxCount, SCALING_TASK_COUNT);
    checkWholeNumber(this, "cpuPercent", cpuPercent, TARGET_UTILIZATION_PERCENT);
    checkWholeNumber(this, "memoryPercent", memoryPercent, TARGET_UTILIZATION_PERCENT);
    if (props.requestsPerTarget !== undefined) checkWholeNumber(this, "requestsPerTarget", props.requestsPerTarget, REQUESTS_PER_TARGET);
    checkWholeNumber(this, "scaleInCooldownSeconds", scaleInCooldown, SCALING_COOLDOWN);
    checkWholeNumber(this, "scaleOutCooldownSeconds", scaleOutCooldown, SCALING_COOLDOWN);
    if (props.minCount > props.maxCount) {
      throw new ValidationError(this, `minCount (${props.minCount}) must not exceed maxCount (${props.maxCount})`);
    }
    if (props.requestsPerTarget !== undefined && !props.requestCountResourceLabel) {
      throw new ValidationError(this, "requestsPerTarget needs requestCountResourceLabel (the ALB and target group ARN suffixes)");
    }

    const target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCount,
      maxCapacity: props.maxCount,
    });
    const track = (id: string, metric: string, value: number, resourceLabel?: string) =>
      new AppautoscalingPolicy(this, id, {
        name: `${props.serviceName}-${id}`,
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: value,
          scaleInCooldown,
          scaleOutCooldown,
          predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel },
        },
      });
    track("cpu", "ECSServiceAverageCPUUtilization", cpuPercent);
    track("memory", "ECSServiceAverageMemoryUtilization", memoryPercent);
    if (props.requestsPerTarget !== undefined) {
      track("requests", "ALBRequestCountPerTarget", props.requestsPerTarget, props.requestCountResourceLabel);
    }
  }
}
