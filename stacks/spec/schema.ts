import * as z from "zod";
import { DESIRED_COUNT, HEALTH_CHECK_GRACE_PERIOD } from "../../constructs/limits/deployment";
import { TASK_CPU, TASK_MEMORY_MIB } from "../../constructs/limits/fargate";
import { CONTAINER_HEALTH_CHECK, TARGET_GROUP_HEALTH_CHECK, HEALTH_CHECK_PATH } from "../../constructs/limits/health-check";
import { IMAGE_URI, PLATFORMS } from "../../constructs/limits/images";
import { RETENTION_ALLOWED, retentionProblem } from "../../constructs/limits/logs";
import { ENV_NAME, VOLUME_NAME } from "../../constructs/limits/names";
import { PORT } from "../../constructs/limits/network";
import { KEEP_IMAGES, UNTAGGED_EXPIRY_DAYS } from "../../constructs/limits/registry";
import { REGION_ALLOWED, regionProblem } from "../../constructs/limits/regions";
import { S3_BUCKET_ALLOWED, bucketNameProblem } from "../../constructs/limits/s3";
import { SECRET_ARN_ALLOWED, arnRegion, secretArnProblem } from "../../constructs/limits/secrets";
import { MOUNT_PATH, POSIX_ID } from "../../constructs/limits/storage";
import { TAG_KEY, TAG_VALUE_MAX } from "../../constructs/limits/tags";
import { KMS_KEY_ARN, checkedText, either, fact, flag, healthCommand, inRange, list, matching, named, nonEmptyList, object, oneOf, text, textUpTo } from "./fields";
import { TARGET_DEFINITIONS, TARGET_IDS, targetBlocks } from "../targets";
import { issue } from "./issue";
import { networkBlock } from "./network";
import { DEFAULTS, STAGES } from "./presets";
import { policyBlock } from "./policy";
import { spanningChecks } from "./spanning";

/**
 * The berth app spec: one description of a Docker app that every target (EC2 host, Fargate
 * service) reads. Every object is strict: an unknown key is an error with a did-you-mean.
 *
 * Optional fields left out here are filled by the stage preset (see presets.ts), never by the
 * schema, so that "what the user wrote" and "what berth chose" stay distinguishable.
 */


/** Short, so that `<app>-<stage>-<suffix>` fits AWS's 32-character ALB/target group names. */
const APP_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,19}$/;

const buildImage = object({
  /** Build context directory, relative to the spec file. */
  context: text("a directory path relative to the spec file").min(1, { error: "must not be empty" }),
  /** Dockerfile path relative to the context. @default "Dockerfile" */
  dockerfile: text("a file path relative to the build context").min(1, { error: "must not be empty" }).optional(),
  /** `--build-arg` values. @default {} */
  buildArgs: named(fact(ENV_NAME), text(), '{ NODE_ENV: "production" }').optional(),
  /** Multi-stage build target. @default - the last stage */
  target: text("a Dockerfile stage name").min(1, { error: "must not be empty" }).optional(),
  /** Target platform; must match the Fargate runtime / EC2 instance architecture. @default "linux/amd64" */
  platform: oneOf(PLATFORMS).optional(),
});

const existingImage = object({
  /** An image that is already published, e.g. `public.ecr.aws/nginx/nginx:1.27` or `repo@sha256:…`. */
  uri: fact(IMAGE_URI),
  /** Platform of the existing image. @default "linux/amd64" */
  platform: oneOf(PLATFORMS).optional(),
});

const healthCheck = object({
  /** HTTP path probed by the load balancer / host. @default "/" */
  path: fact(HEALTH_CHECK_PATH).optional(),
  /** Seconds between probes. @default 10 */
  intervalSeconds: inRange(TARGET_GROUP_HEALTH_CHECK.intervalSeconds).optional(),
  /** Seconds before a probe counts as failed; must be less than the interval. @default 5 */
  timeoutSeconds: inRange(TARGET_GROUP_HEALTH_CHECK.timeoutSeconds).optional(),
  /** Consecutive successes before healthy. @default 2 */
  healthyThreshold: inRange(TARGET_GROUP_HEALTH_CHECK.healthyThreshold).optional(),
  /** Consecutive failures before unhealthy. @default 3 */
  unhealthyThreshold: inRange(TARGET_GROUP_HEALTH_CHECK.unhealthyThreshold).optional(),
  /** Seconds after start during which failed probes are ignored. @default 30 (dev), 60 (prod) */
  gracePeriodSeconds: inRange(HEALTH_CHECK_GRACE_PERIOD).optional(),
}).superRefine((h, ctx) => {
  if (ctx.issues.length > 0) return;
  // With the defaults filled in: an interval of 5 alone meets the default timeout of 5.
  const interval = h.intervalSeconds ?? DEFAULTS.healthCheck.intervalSeconds;
  const timeout = h.timeoutSeconds ?? DEFAULTS.healthCheck.timeoutSeconds;
  if (timeout < interval) return;
  const [path, message] =
    h.timeoutSeconds !== undefined
      ? ["timeoutSeconds", `must be less than intervalSeconds (${interval}): ELB rejects a timeout that is not shorter than the interval (ELB API Reference, CreateTargetGroup); lower timeoutSeconds`]
      : ["intervalSeconds", `must be more than timeoutSeconds (${timeout} by default): ELB rejects a timeout that is not shorter than the interval (ELB API Reference, CreateTargetGroup); raise intervalSeconds or set a shorter timeoutSeconds`];
  issue(ctx, [path], message);
});

const containerHealthCheck = object({
  /** Run inside the container; the image must hold what it calls (an image FROM scratch has no shell for "CMD-SHELL"). */
  command: healthCommand(),
  /** Seconds between checks. @default 30 */
  intervalSeconds: inRange(CONTAINER_HEALTH_CHECK.intervalSeconds).optional(),
  /** Seconds before a check counts as failed. @default 5 */
  timeoutSeconds: inRange(CONTAINER_HEALTH_CHECK.timeoutSeconds).optional(),
  /** Consecutive failures that make the container unhealthy. @default 3 */
  retries: inRange(CONTAINER_HEALTH_CHECK.retries).optional(),
  /** Seconds after the container starts during which failures do not count. @default 0 */
  startPeriodSeconds: inRange(CONTAINER_HEALTH_CHECK.startPeriodSeconds).optional(),
});

const volume = object({
  /** Volume name: lower case letters, digits, hyphens. */
  name: fact(VOLUME_NAME),
  /** Absolute mount path inside the container. */
  path: fact(MOUNT_PATH),
  /** Owner uid of the volume's files (the app's user). @default 1000 */
  uid: inRange(POSIX_ID).optional(),
  /** Owner gid of the volume's files. @default 1000 */
  gid: inRange(POSIX_ID).optional(),
});

const secretArn = checkedText(SECRET_ARN_ALLOWED, secretArnProblem);

const registry = object({
  /** Untagged images are expired this many days after push. @default 3 */
  untaggedExpiryDays: inRange(UNTAGGED_EXPIRY_DAYS).optional(),
  /** How many of the most recent images each repository keeps. @default 20 (dev), 100 (prod) */
  keepImages: inRange(KEEP_IMAGES).optional(),
  /** Customer-managed KMS key for image encryption. @default - the AWS-managed `aws/ecr` key */
  kmsKeyArn: matching(KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)").optional(),
  /** Let `terraform destroy` delete a repository that still holds images. @default true (dev), false (prod) */
  forceDelete: flag().optional(),
});

const state = object({
  /** S3 bucket holding the Terraform state. */
  bucket: checkedText(S3_BUCKET_ALLOWED, bucketNameProblem),
  /** Key prefix; each stack stores `<prefix>/<stack>.tfstate`. @default "berth/<app>/<stage>" */
  keyPrefix: matching(/^[A-Za-z0-9!_.*'()/-]{1,512}$/, "an S3 key prefix of 1-512 characters: letters, digits and ! _ . * ' ( ) / -").optional(),
  /** Bucket region. @default - the app's region */
  region: checkedText(REGION_ALLOWED, regionProblem).optional(),
});

/** The fields of one service: the single-service spec's top level, or an entry of `services` (services.ts). */
export const serviceFields = {
  /** The app image: built from source (`context`, …) or an existing image (`uri`). */
  image: either([buildImage, existingImage], "either { context, dockerfile?, buildArgs?, target?, platform? } to build, or { uri, platform? } for an existing image"),
  /** Port the container listens on. */
  port: inRange(PORT),
  /** Command (exec form) overriding the image's CMD. @default - the image's CMD */
  command: nonEmptyList(text(), 'strings (exec form), e.g. ["node", "server.js"]').optional(),
  /**
   * Entrypoint (exec form) overriding the image's ENTRYPOINT. As with `docker run --entrypoint`, the
   * image's CMD is then not used: give `command` for the entrypoint's arguments. @default - the image's ENTRYPOINT
   */
  entrypoint: nonEmptyList(text(), 'strings (exec form), e.g. ["/usr/local/bin/start", "--migrate"]').optional(),
  /** Plain environment variables. @default {} */
  environment: named(fact(ENV_NAME), text(), '{ LOG_LEVEL: "info" }').optional(),
  /** Environment variables read from SSM Parameter Store or Secrets Manager at start. @default {} */
  secrets: named(fact(ENV_NAME), secretArn, '{ DB_URL: "arn:aws:ssm:<region>:<account>:parameter/<name>" }').optional(),
  /** Health check. @default - see each field */
  healthCheck: healthCheck.optional(),
  /**
   * A check run inside the container, on both targets (Fargate: the container definition's health
   * check; the EC2 host and `berth up`: the compose file's healthcheck). @default - none
   */
  containerHealthCheck: containerHealthCheck.optional(),
  /** CPU units (1024 = one vCPU). @default 256 (dev), 512 (prod) */
  cpu: inRange(TASK_CPU).optional(),
  /** Memory in MiB. @default 512 (dev), 1024 (prod) */
  memoryMiB: inRange(TASK_MEMORY_MIB).optional(),
  /** Number of running copies (Fargate tasks; the EC2 host always runs one). @default 1 (dev), 2 (prod) */
  desiredCount: inRange(DESIRED_COUNT).optional(),
  /** Persistent volumes mounted into the container. @default [] */
  volumes: list(volume, "volumes { name, path, uid?, gid? }").optional(),
};

/** The app-wide fields before the services (`app` … `targets`). */
export const appHead = {
  /** App name: 2-20 lower case letters, digits and single hyphens, starting with a letter. */
  app: matching(APP_NAME, "2-20 lower case letters, digits and single hyphens, starting with a letter"),
  /** Stage; selects the preset defaults (see presets.ts). @default "dev" */
  stage: oneOf(STAGES).optional(),
  /** AWS region of every stack. */
  region: checkedText(REGION_ALLOWED, regionProblem),
  /** Which targets to synthesize. */
  targets: z
    .array(oneOf(TARGET_IDS), { error: `must be a list of targets: ${TARGET_IDS.map((t) => `"${t}"`).join(", ")}` })
    .min(1, { error: `must name at least one target: ${TARGET_IDS.map((t) => `"${t}"`).join(", ")}` })
    .refine((t) => new Set(t).size === t.length, { error: "must not name a target twice" }),
};

/** The app-wide fields after the services (`logRetentionDays` … `policy`). */
export const appTail = {
  /** CloudWatch log retention in days. @default 14 (dev), 90 (prod) */
  logRetentionDays: z
    .number({ error: `must be ${RETENTION_ALLOWED}` })
    // The refusal takes the number's error, which is retentionProblem's text.
    .refine((days) => retentionProblem(days) === undefined)
    .optional(),
  /** ECR repository settings. @default - see each field */
  registry: registry.optional(),
  /** Remote state in S3 with native locking. @default - local state files beside cdktf.out */
  state: state.optional(),
  /** The VPC of each target stack: a new one (settings) or an existing one. @default - a new VPC with the stage's NAT preset */
  network: networkBlock.optional(),
  /** Options of each target, under its id (`fargate`, `ec2`): stacks/targets/<id>/spec.ts. @default - see each field */
  ...targetBlocks(),
  /** Tags on every resource (provider default_tags). @default {} */
  tags: named(fact(TAG_KEY), textUpTo(TAG_VALUE_MAX), '{ team: "shop" }').optional(),
  /** Policy rules not enforced, each with a reason (docs/policy.md). @default - every rule enforced */
  policy: policyBlock.optional(),
};

/** The single-service spec's fields; target-specific options live in their own blocks (`fargate`, `ec2`). */
export const baseShape = { ...appHead, ...serviceFields, ...appTail };

/** Checks that span several fields of the app-wide part; each target adds its own (checkSpec). */
export function crossChecks(spec: BerthConfig, ctx: z.RefinementCtx) {
  for (const target of TARGET_DEFINITIONS) {
    if (spec[target.id] === undefined) continue;
    if (!spec.targets.includes(target.id)) {
      issue(ctx, [target.id], `has options but targets does not include "${target.id}": add "${target.id}" to targets or remove this block`);
    }
  }
  for (const target of TARGET_DEFINITIONS) if (spec.targets.includes(target.id)) target.checkSpec?.(spec, ctx);
  serviceChecks(spec, spec, [], ctx);
}

/** The written fields of one service (the single-service spec's top level, or an entry of `services`). */
export type WrittenService = Pick<BerthConfig, "secrets" | "environment" | "volumes">;

/**
 * The checks of one service's own fields, reported under `at` (`[]` for the single-service spec's
 * top level, `["services", name]` for an entry of `services`).
 */
export function serviceChecks(spec: Pick<BerthConfig, "region" | "targets" | "network">, service: WrittenService, at: readonly (string | number)[], ctx: z.RefinementCtx): void {
  for (const [name, arn] of Object.entries(service.secrets ?? {})) {
    const region = arnRegion(arn);
    if (region !== undefined && region !== spec.region) {
      const problem = otherRegionSecretProblem(arn, region, spec);
      if (problem) issue(ctx, [...at, "secrets", name], problem);
    }
    if (service.environment && name in service.environment) {
      issue(ctx, [...at, "secrets", name], "is also set in environment: a variable is either plain or secret, remove it from one of them");
    }
  }
  const seen = new Map<string, number>();
  const paths = new Map<string, number>();
  service.volumes?.forEach((v, i) => {
    if (seen.has(v.name)) issue(ctx, [...at, "volumes", i, "name"], `duplicates volumes[${seen.get(v.name)}].name: volume names must be unique`);
    if (paths.has(v.path)) issue(ctx, [...at, "volumes", i, "path"], `duplicates volumes[${paths.get(v.path)}].path: two volumes cannot mount at one path`);
    seen.set(v.name, i);
    paths.set(v.path, i);
  });
}

const specObject = object(baseShape);

export const berthConfigSchema = specObject
  .superRefine((spec, ctx) => crossChecks(spec, ctx))
  .superRefine((spec, ctx) => spanningChecks(spec, ctx));

/** What a user writes in berth.config.ts. */
export type BerthConfigInput = z.input<typeof specObject>;
/** The validated spec, before stage presets are applied. */
export type BerthConfig = z.output<typeof specObject>;

/**
 * Why a secret in another region cannot be read, or undefined when it can. ECS reads an SSM
 * parameter from another region when given its full ARN (ECS API Reference, Secret: "If the
 * parameter exists in a different Region, then the full ARN must be specified"), as berth always
 * gives it, and the host reads each secret from its ARN's region. For a Secrets Manager secret
 * the same reference says nothing of other regions: refused, as the safe reading.
 */
function otherRegionSecretProblem(arn: string, region: string, spec: { region: string; targets: readonly string[]; network?: object }): string | undefined {
  if (arn.split(":")[2] !== "ssm") {
    return (
      `is a Secrets Manager secret in region "${region}" but the app deploys to "${spec.region}": ECS documents reading only SSM parameters from another region (ECS API Reference, Secret); ` +
      `replicate the secret to "${spec.region}" (Secrets Manager replica secrets) and give the replica's ARN`
    );
  }
  // Without NAT (natGateways defaults to one or more in every stage), tasks reach only their region's endpoints.
  if (spec.targets.includes("fargate") && spec.network !== undefined && "natGateways" in spec.network && spec.network.natGateways === "none") {
    return (
      `is an SSM parameter in region "${region}" but the app deploys to "${spec.region}" with network.natGateways "none": the tasks reach AWS only through VPC endpoints in "${spec.region}"; ` +
      `copy the parameter to "${spec.region}", or give the network NAT gateways`
    );
  }
  return undefined;
}
