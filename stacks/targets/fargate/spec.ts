import { ACM_CERTIFICATE_ARN, checkedText, either, fact, flag, healthCommand, inRange, list, matching, named, nonEmptyList, object, oneOf, text } from "../../spec/fields";
import { REQUESTS_PER_TARGET, SCALING_COOLDOWN, SCALING_TASK_COUNT, TARGET_UTILIZATION_PERCENT } from "../../../constructs/limits/autoscaling";
import { CAPACITY_WEIGHT, MAX_PERCENT, MIN_HEALTHY_PERCENT } from "../../../constructs/limits/deployment";
import { CONTAINER_CPU, CONTAINER_MEMORY_MIB, EPHEMERAL_STORAGE_GIB, STOP_TIMEOUT } from "../../../constructs/limits/fargate";
import { ALB_HEALTHY_HTTP_CODES, ALB_IDLE_TIMEOUT, DEREGISTRATION_DELAY } from "../../../constructs/limits/health-check";
import { IAM_ACTION_ALLOWED, IAM_RESOURCE_ALLOWED, iamActionProblem, iamResourceProblem } from "../../../constructs/limits/iam";
import { IMAGE_REFERENCE } from "../../../constructs/limits/images";
import { DOMAIN, ENV_NAME } from "../../../constructs/limits/names";
import { S3_BUCKET_ALLOWED, bucketNameProblem } from "../../../constructs/limits/s3";
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
  healthCheck: healthCommand().optional(),
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
  clusterName: matching(/^[A-Za-z0-9_-]{1,255}$/, "an ECS cluster name: 1-255 letters, digits, hyphens and underscores").optional(),
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
  /**
   * Health check run inside the app container (the image must hold the tool it calls), on the timing
   * of `healthCheck`. The service's `containerHealthCheck` does the same on both targets with its own
   * timing; give one of them. @default - none: the load balancer's check applies
   */
  containerHealthCheck: healthCommand().optional(),
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
