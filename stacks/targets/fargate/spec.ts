import { z } from "zod";
import { ACM_CERTIFICATE_ARN, checkedText, either, fact, flag, inRange, list, matching, named, nonEmptyList, object, oneOf, text } from "../../spec/fields";
import { REQUESTS_PER_TARGET, SCALING_COOLDOWN, SCALING_TASK_COUNT, TARGET_UTILIZATION_PERCENT } from "../../../constructs/limits/autoscaling";
import { CAPACITY_WEIGHT, MAX_PERCENT, MIN_HEALTHY_PERCENT } from "../../../constructs/limits/deployment";
import { CONTAINER_CPU, CONTAINER_MEMORY_MIB, EPHEMERAL_STORAGE_GIB, STOP_TIMEOUT } from "../../../constructs/limits/fargate";
import { ALB_HEALTHY_HTTP_CODES, ALB_IDLE_TIMEOUT, CONTAINER_HEALTH_CHECK, DEREGISTRATION_DELAY } from "../../../constructs/limits/health-check";
import { IAM_ACTION_ALLOWED, IAM_RESOURCE_ALLOWED, iamActionProblem, iamResourceProblem } from "../../../constructs/limits/iam";
import { IMAGE_REFERENCE } from "../../../constructs/limits/images";
import { DOMAIN, ENV_NAME } from "../../../constructs/limits/names";
import { S3_BUCKET_ALLOWED, bucketNameProblem } from "../../../constructs/limits/s3";
import { rangeProblem } from "../../../constructs/limits/rule";
import { ALB_SUBNET_MAX_PREFIX, SUBNET_NEW_BITS, cidrPrefix, subnetPrefixLength } from "../../../constructs/limits/network";
import { egressList, ingressCidrList } from "../../spec/network";

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const CONTAINER_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const USER = /^(?:\d+|[a-z_][a-z0-9_-]*)(?::(?:\d+|[a-z_][a-z0-9_-]*))?$/;

const https = either(
  [
    object({
      /** An ACM certificate in the app's region. */
      certificateArn: matching(ACM_CERTIFICATE_ARN, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"),
    }),
    object({
      /** Domain served; a DNS-validated certificate is created and an alias record points it at the ALB. */
      domain: fact(DOMAIN),
      /** The Route 53 hosted zone holding the domain. */
      hostedZoneId: matching(HOSTED_ZONE_ID, 'a Route 53 hosted zone ID like "Z0123456789ABCDEFGHIJ"'),
    }),
  ],
  "either { certificateArn } for an existing ACM certificate, or { domain, hostedZoneId } for a certificate that berth requests and validates in Route 53",
);

const healthCommand = z
  .array(text(), { error: 'must be an exec-form health check like ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]' })
  .min(2, { error: 'must name "CMD" or "CMD-SHELL" and then the command, e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]' })
  .refine((c) => c[0] === "CMD" || c[0] === "CMD-SHELL", { error: 'must start with "CMD" or "CMD-SHELL"' });

const sidecar = object({
  /** Container name: lower case letters, digits, hyphens. */
  name: matching(CONTAINER_NAME, "lower case letters, digits and hyphens, starting with a letter, at most 31 characters"),
  /** An existing image with a tag or digest. */
  image: fact(IMAGE_REFERENCE),
  command: nonEmptyList(text(), 'strings (exec form), e.g. ["node", "server.js"]').optional(),
  environment: named(fact(ENV_NAME), text(), '{ LOG_LEVEL: "info" }').optional(),
  /** Whether the task stops when this container stops. @default false */
  essential: flag().optional(),
  /** The app container waits for this sidecar to reach this condition. @default "START" */
  startCondition: oneOf(["START", "COMPLETE", "SUCCESS", "HEALTHY"] as const).optional(),
  cpu: inRange(CONTAINER_CPU).optional(),
  memoryMiB: inRange(CONTAINER_MEMORY_MIB).optional(),
  /** Health check command run inside the sidecar (needed for startCondition "HEALTHY"). @default - none */
  healthCheck: healthCommand.optional(),
  /** @default true */
  readonlyRootFilesystem: flag().optional(),
});

/** Options of the `fargate` target. */
export const fargateBlock = object({
  /** HTTPS on the ALB. Without it, `plainHttp: true` is required. @default - none */
  https: https.optional(),
  /** Serve plain HTTP on port 80 with no TLS: only for a first demo without a domain. @default false */
  plainHttp: flag().optional(),
  /** ALB reachable only inside the VPC. @default false */
  internal: flag().optional(),
  /** Who may reach the ALB on 443/80. @default ["0.0.0.0/0"] */
  ingressCidrs: ingressCidrList("fargate.ingressCidrs").optional(),
  /** ALB idle timeout. @default 60 */
  idleTimeoutSeconds: inRange(ALB_IDLE_TIMEOUT).optional(),
  /** S3 bucket (existing, with the ELB log-delivery policy) for ALB access logs. @default - no access logs */
  accessLogsBucket: checkedText(S3_BUCKET_ALLOWED, bucketNameProblem).optional(),
  /** ALB deletion protection. @default false (dev), true (prod) */
  deletionProtection: flag().optional(),
  /** Seconds the ALB drains a stopping task. @default 30 */
  deregistrationDelaySeconds: inRange(DEREGISTRATION_DELAY).optional(),
  /** HTTP codes counted healthy. @default "200-399" */
  healthyHttpCodes: fact(ALB_HEALTHY_HTTP_CODES).optional(),
  /** Existing ECS cluster name. @default - a cluster is created */
  clusterName: matching(/^[A-Za-z0-9_-]{1,255}$/, "an ECS cluster name").optional(),
  /** Lower bound of running tasks during a deployment, in percent of desiredCount. @default 100 */
  minHealthyPercent: inRange(MIN_HEALTHY_PERCENT).optional(),
  /** Upper bound of running tasks during a deployment, in percent of desiredCount. @default 200 */
  maxPercent: inRange(MAX_PERCENT).optional(),
  /** Make `terraform apply` wait until the service is stable. @default true */
  waitForSteadyState: flag().optional(),
  /** ECS Exec (needs a writable root filesystem). @default false */
  ecsExec: flag().optional(),
  /** Capacity provider weights. @default { fargate: 1, spot: 0 } */
  capacity: object({ fargate: inRange(CAPACITY_WEIGHT), spot: inRange(CAPACITY_WEIGHT) }).optional(),
  /** Target tracking autoscaling. @default - no autoscaling */
  autoscaling: object({
    minCount: inRange(SCALING_TASK_COUNT),
    maxCount: inRange(SCALING_TASK_COUNT),
    /** @default 70 */
    cpuPercent: inRange(TARGET_UTILIZATION_PERCENT).optional(),
    /** @default 80 */
    memoryPercent: inRange(TARGET_UTILIZATION_PERCENT).optional(),
    /** ALB requests per target. @default - not used */
    requestsPerTarget: inRange(REQUESTS_PER_TARGET).optional(),
    /** @default 300 */
    scaleInCooldownSeconds: inRange(SCALING_COOLDOWN).optional(),
    /** @default 60 */
    scaleOutCooldownSeconds: inRange(SCALING_COOLDOWN).optional(),
  })
    .refine((a) => a.minCount <= a.maxCount, { error: "minCount must not exceed maxCount", path: ["minCount"] })
    .optional(),
  /** Task ephemeral storage beyond the free 20 GiB. @default - 20 GiB */
  ephemeralStorageGiB: inRange(EPHEMERAL_STORAGE_GIB).optional(),
  /** Read-only root filesystem for the app container. @default true */
  readonlyRootFilesystem: flag().optional(),
  /** Writable scratch paths when the root filesystem is read-only. @default ["/tmp"] */
  writablePaths: list(matching(/^\/[A-Za-z0-9._@+/-]*$/, 'an absolute path like "/tmp"'), 'absolute paths like ["/tmp"]').optional(),
  /** Run the app container as this user ("uid", "uid:gid" or a name). @default - the image's USER */
  user: matching(USER, 'a user like "1000", "1000:1000" or "app"').optional(),
  /** Health check run inside the app container (the image must hold the tool it calls). @default - none: the load balancer's check applies */
  containerHealthCheck: healthCommand.optional(),
  /** Seconds between SIGTERM and SIGKILL. @default 30 */
  stopTimeoutSeconds: inRange(STOP_TIMEOUT).optional(),
  /** Outbound rules of the tasks. @default [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs and the internet" }] */
  egress: egressList("fargate.egress").optional(),
  /** Permissions of the app itself (the task role). @default [] */
  taskRolePolicy: list(
    object({
      actions: nonEmptyList(checkedText(IAM_ACTION_ALLOWED, iamActionProblem), 'IAM actions like ["s3:GetObject"]'),
      resources: nonEmptyList(checkedText(IAM_RESOURCE_ALLOWED, iamResourceProblem), 'ARNs like ["arn:aws:s3:::shop-uploads/*"]'),
    }),
    "statements { actions, resources }",
  ).optional(),
  /** Extra containers in the task. @default [] */
  sidecars: list(sidecar, "containers { name, image, ... }").optional(),
});

/** The parts of a spec that the fargate checks below read. */
export interface FargateCheckedSpec {
  image: { platform?: string };
  healthCheck?: Partial<Record<"intervalSeconds" | "timeoutSeconds" | "unhealthyThreshold" | "gracePeriodSeconds", number>>;
  network?: { cidrBlock?: string } | { vpcId: string };
  fargate?: {
    clusterName?: string;
    capacity?: { fargate: number; spot: number };
    containerHealthCheck?: readonly string[];
    sidecars?: readonly { name: string; essential?: boolean; startCondition?: string; healthCheck?: readonly string[] }[];
  };
}

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
export function fargateCrossChecks(spec: FargateCheckedSpec, ctx: z.RefinementCtx): void {
  const f = spec.fargate ?? {};
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
