import type * as z from "zod";
import { CONTAINER_HEALTH_CHECK } from "../../../constructs/limits/health-check";
import { ALB_SUBNET_MAX_PREFIX, SUBNET_NEW_BITS, cidrPrefix, subnetPrefixLength } from "../../../constructs/limits/network";
import { rangeProblem } from "../../../constructs/limits/rule";
import { issue } from "../../spec/issue";
import type { BerthConfig } from "../../spec/schema";
import { serviceNameOf } from "../../spec/single-view";

/**
 * The spec's health check fields that become a container health check's settings (see
 * containerHealthCheck() in stacks/targets/fargate/stack.ts): the setting, ECS's name for it and the
 * field's other use. The spec's ranges fit those other uses; ECS's are narrower for some.
 */
const CONTAINER_HEALTH_CHECK_FIELDS = [
  ["intervalSeconds", "intervalSeconds", "interval", "the load balancer's check"],
  ["timeoutSeconds", "timeoutSeconds", "timeout", "the load balancer's check, which allows up to 120 seconds"],
  ["unhealthyThreshold", "retries", "retries", "the load balancer's check"],
  ["gracePeriodSeconds", "startPeriodSeconds", "start period", "the service's health check grace period, which allows more"],
] as const;

/**
 * Checks of the fargate target that AWS would otherwise fail at apply (ECS, ELB), each reported at
 * the field to change. Only called when targets includes "fargate".
 */
export function checkFargateSpec(spec: BerthConfig, ctx: z.RefinementCtx): void {
  const f = spec.fargate ?? {};
  if (f.https === undefined && f.plainHttp !== true) {
    issue(
      ctx,
      ["fargate", "https"],
      'is required for the fargate target: give { certificateArn } or { domain, hostedZoneId }; for a first demo without a domain, set fargate.plainHttp: true instead',
    );
  }
  if (f.https !== undefined && f.plainHttp === true) issue(ctx, ["fargate", "plainHttp"], "cannot be true together with fargate.https: choose one");
  const containerNames = new Map<string, string>([[serviceNameOf(spec), "the app container"]]);
  (f.sidecars ?? []).forEach((sidecar, i) => {
    const taken = containerNames.get(sidecar.name);
    if (taken) issue(ctx, ["fargate", "sidecars", i, "name"], `is already the name of ${taken}: container names must be unique`);
    containerNames.set(sidecar.name, `fargate.sidecars[${i}]`);
  });
  const spot = f.capacity?.spot ?? 0;
  if (spot > 0 && spec.image.platform === "linux/arm64") {
    ctx.addIssue({
      code: "custom",
      path: ["fargate", "capacity", "spot"],
      message:
        'is more than 0 but image.platform is "linux/arm64": Fargate Spot does not run ARM64 Linux tasks (ECS Developer Guide, Fargate capacity providers); set fargate.capacity.spot to 0, or build the image for "linux/amd64"',
    });
  }
  if (spot > 0 && f.clusterName !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["fargate", "capacity", "spot"],
      message: `is more than 0 but fargate.clusterName names an existing cluster ("${f.clusterName}"): a service may use FARGATE_SPOT only on a cluster that has it as a capacity provider, and berth can neither see nor change the providers of a cluster it does not own; leave clusterName out so that berth creates a cluster with FARGATE and FARGATE_SPOT, or set spot to 0 (the service then uses the FARGATE launch type, which works on any cluster)`,
    });
  }

  if (f.containerHealthCheck !== undefined && spec.containerHealthCheck !== undefined) {
    issue(
      ctx,
      ["fargate", "containerHealthCheck"],
      "is given together with containerHealthCheck, the service's check that both targets run: keep containerHealthCheck (it sets its own interval, timeout, retries and start period) and remove this one",
    );
  }
  const checkUsers = [
    ...(f.containerHealthCheck ? ["fargate.containerHealthCheck"] : []),
    ...(f.sidecars ?? []).flatMap((s, i) => (s.healthCheck ? [`fargate.sidecars[${i}].healthCheck`] : [])),
  ];
  if (checkUsers.length > 0) {
    for (const [specField, checkField, ecsName, otherUse] of CONTAINER_HEALTH_CHECK_FIELDS) {
      const value = spec.healthCheck?.[specField];
      const problem = value === undefined ? undefined : rangeProblem(CONTAINER_HEALTH_CHECK[checkField], value);
      if (problem !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["healthCheck", specField],
          message: `is also the ${ecsName} of the container health check of ${checkUsers.join(" and ")}, which ECS says ${problem} (besides ${otherUse}): set it in that range, or remove the container health check`,
        });
      }
    }
  }

  (f.sidecars ?? []).forEach((s, i) => {
    if ((s.startCondition === "COMPLETE" || s.startCondition === "SUCCESS") && s.essential === true) {
      ctx.addIssue({
        code: "custom",
        path: ["fargate", "sidecars", i, "startCondition"],
        message: `cannot be "${s.startCondition}" on an essential sidecar (essential: true): ECS does not allow COMPLETE or SUCCESS on an essential container; set essential to false, or use "START" or "HEALTHY"`,
      });
    }
    if (s.startCondition === "HEALTHY" && s.healthCheck === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["fargate", "sidecars", i, "startCondition"],
        message: `is "HEALTHY" but the sidecar has no healthCheck: ECS can wait only for a container with a health check to be healthy; add fargate.sidecars[${i}].healthCheck, or use "START"`,
      });
    }
  });

  const network = spec.network;
  const cidrBlock = network && "vpcId" in network ? undefined : network?.cidrBlock;
  const vpcPrefix = cidrBlock === undefined ? undefined : cidrPrefix(cidrBlock);
  if (vpcPrefix !== undefined && subnetPrefixLength(vpcPrefix) > ALB_SUBNET_MAX_PREFIX) {
    const largest = ALB_SUBNET_MAX_PREFIX - SUBNET_NEW_BITS;
    ctx.addIssue({
      code: "custom",
      path: ["network", "cidrBlock"],
      message: `gives subnets of /${subnetPrefixLength(vpcPrefix)} (berth cuts the VPC into 16 equal slices, whatever azCount), but the fargate target's load balancer needs subnets of /${ALB_SUBNET_MAX_PREFIX} or larger with 8 free addresses each (ELB User Guide, subnets for your load balancer); use a /${largest} or larger block, e.g. "10.0.0.0/${largest}"`,
    });
  }
}
