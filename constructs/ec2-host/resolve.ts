import type { IConstruct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { HEALTH_CHECK_PATH, containerHealthCheckProblem, type ContainerHealthCheck } from "../limits/health-check";
import { IMAGE_TAG, IMAGE_URI, PINNED_REFERENCE } from "../limits/images";
import { retentionProblem } from "../limits/logs";
import { instanceTypeProblem } from "../limits/instance-types";
import { DOMAIN, ENV_NAME, VOLUME_NAME } from "../limits/names";
import { PORT, SECURITY_GROUP_RULE_DESCRIPTION, cidrProblem } from "../limits/network";
import { patternProblem } from "../limits/rule";
import { secretArnProblem } from "../limits/secrets";
import { duplicateEgress, duplicateIngress } from "../limits/security-groups";
import { GP3_VOLUME_GIB, MOUNT_PATH, POSIX_ID, ROOT_VOLUME_GIB } from "../limits/storage";
import { HOST_PROBE, STOP_GRACE_PERIOD, UPDATE_TIMEOUT } from "../limits/host";
import { architectureOf, instanceFamily, platformOf, type Architecture } from "./architecture";
import type { Platform } from "../limits/images";
import { PROXY_VOLUMES } from "./compose";
import {
  DEFAULT_COMPOSE_VERSION,
  DEFAULT_PROXY_IMAGE,
  DEFAULT_STOP_GRACE_PERIOD_SECONDS,
  type Ec2HostEgressRule,
  type Ec2HostImage,
  type Ec2HostProps,
  type Ec2HostVolume,
} from "./props";

/** Ec2HostProps with every default filled in, validated. */
export interface ResolvedHostProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly image: Ec2HostImage;
  readonly platform: Platform;
  readonly architecture: Architecture;
  readonly port: number;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly healthCheck: { readonly path: string; readonly intervalSeconds: number; readonly timeoutSeconds: number; readonly healthyThreshold: number; readonly gracePeriodSeconds: number };
  readonly containerHealthCheck?: ContainerHealthCheck;
  readonly volumes: readonly Required<Ec2HostVolume>[];
  readonly instanceType: string;
  readonly rootVolumeGiB: number;
  readonly dataVolumeGiB: number;
  readonly protectDataVolume: boolean;
  readonly ingressCidrs: readonly string[];
  readonly egress: readonly Required<Ec2HostEgressRule>[];
  readonly https?: { readonly domain: string; readonly email?: string; readonly proxyImage: string };
  readonly elasticIp: boolean;
  readonly terminationProtection: boolean;
  readonly detailedMonitoring: boolean;
  readonly containersUseInstanceRole: boolean;
  readonly logRetentionDays: number;
  readonly updateTimeoutSeconds: number;
  readonly stopGracePeriodSeconds: number;
  readonly composeVersion: string;
  readonly composeSha256: string;
}

const NAME = /^[a-z][a-z0-9-]{1,40}$/;
const SHA256 = /^[a-f0-9]{64}$/;
const COMPOSE_VERSION = /^v\d+\.\d+\.\d+$/;
/** Variables that would change how berth's scripts or docker compose run if a secret set them. */
export const RESERVED_SECRET_NAME = /^(?:PATH|HOME|IFS|SHELL|LD_[A-Z_]*|BERTH_[A-Z0-9_]*|DOCKER_[A-Z0-9_]*|COMPOSE_[A-Z0-9_]*)$/;
/** Owner uid and gid of a named volume's top directory unless given (the spec's default too). */
const DEFAULT_VOLUME_OWNER = 1000;
/** Ports the HTTPS proxy publishes on the host. */
export const PROXY_PORTS = [80, 443];
/**
 * sshd's port. With HTTPS the app's port is published on the host's loopback; Amazon Linux starts
 * sshd on 22 (AL2023 User Guide, connecting with SSH) and the bootstrap only then disables it.
 */
export const SSH_PORT = 22;

const show = (value: unknown) => JSON.stringify(value);

export function resolveHostProps(scope: IConstruct, props: Ec2HostProps): ResolvedHostProps {
  const platform = props.platform ?? "linux/amd64";
  const instanceType = props.instanceType ?? (platform === "linux/arm64" ? "t4g.small" : "t3.small");
  const hc = props.healthCheck ?? {};
  const healthCheck = {
    path: hc.path ?? "/",
    intervalSeconds: hc.intervalSeconds ?? 10,
    timeoutSeconds: hc.timeoutSeconds ?? 5,
    healthyThreshold: hc.healthyThreshold ?? 2,
    gracePeriodSeconds: hc.gracePeriodSeconds ?? 30,
  };
  const resolved: ResolvedHostProps = {
    name: props.name,
    region: props.region,
    vpcId: props.vpcId,
    subnetId: props.subnetId,
    image: props.image,
    platform,
    architecture: architectureOf(instanceType),
    port: props.port,
    command: props.command,
    entrypoint: props.entrypoint,
    environment: props.environment ?? {},
    secrets: props.secrets ?? {},
    healthCheck,
    containerHealthCheck: props.containerHealthCheck && {
      command: props.containerHealthCheck.command,
      intervalSeconds: props.containerHealthCheck.intervalSeconds ?? 30,
      timeoutSeconds: props.containerHealthCheck.timeoutSeconds ?? 5,
      retries: props.containerHealthCheck.retries ?? 3,
      startPeriodSeconds: props.containerHealthCheck.startPeriodSeconds ?? 0,
    },
    volumes: (props.volumes ?? []).map((v) => ({ name: v.name, path: v.path, uid: v.uid ?? DEFAULT_VOLUME_OWNER, gid: v.gid ?? DEFAULT_VOLUME_OWNER })),
    instanceType,
    rootVolumeGiB: props.rootVolumeGiB ?? 20,
    dataVolumeGiB: props.dataVolumeGiB ?? 20,
    protectDataVolume: props.protectDataVolume ?? true,
    ingressCidrs: props.ingressCidrs ?? ["0.0.0.0/0"],
    egress: (
      props.egress ?? [
        { port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs, ECR and the internet" },
        { port: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP to package mirrors and ACME challenges" },
      ]
    ).map((rule) => ({ ...rule, protocol: rule.protocol ?? "tcp" })),
    https: props.https && { domain: props.https.domain, email: props.https.email, proxyImage: props.https.proxyImage ?? DEFAULT_PROXY_IMAGE },
    elasticIp: props.elasticIp ?? false,
    terminationProtection: props.terminationProtection ?? false,
    detailedMonitoring: props.detailedMonitoring ?? false,
    containersUseInstanceRole: props.containersUseInstanceRole ?? false,
    logRetentionDays: props.logRetentionDays ?? 14,
    updateTimeoutSeconds: props.updateTimeoutSeconds ?? 180,
    stopGracePeriodSeconds: props.stopGracePeriodSeconds ?? DEFAULT_STOP_GRACE_PERIOD_SECONDS,
    composeVersion: props.composeVersion ?? DEFAULT_COMPOSE_VERSION,
    composeSha256: props.composeSha256 ?? "",
  };
  validate(scope, resolved);
  return resolved;
}

function validate(scope: IConstruct, p: ResolvedHostProps): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, message);
  };
  if (!NAME.test(p.name)) fail(`name must be 2-41 lower case letters, digits and hyphens starting with a letter (it prefixes resource names), got ${show(p.name)}`);
  validateInstance(scope, p, fail);
  checkWholeNumber(scope, "port", p.port, PORT);
  if (p.https && PROXY_PORTS.includes(p.port)) {
    fail(`port ${p.port} conflicts with the HTTPS proxy, which publishes ports 80 and 443 on the host: have the app listen on another port (e.g. 8080)`);
  }
  if (p.https && p.port === SSH_PORT) {
    fail(`port ${p.port} is sshd's on the host, and with HTTPS the app's port is published on the host's loopback: have the app listen on another port (e.g. 8080)`);
  }
  validateImage(scope, p.image);
  validateEnvironment(scope, p, fail);
  validateVolumes(scope, p, fail);
  validateHealthCheck(scope, p, fail);
  checkWholeNumber(scope, "rootVolumeGiB", p.rootVolumeGiB, ROOT_VOLUME_GIB);
  checkWholeNumber(scope, "dataVolumeGiB", p.dataVolumeGiB, GP3_VOLUME_GIB);
  checkWholeNumber(scope, "stopGracePeriodSeconds", p.stopGracePeriodSeconds, STOP_GRACE_PERIOD);
  check(scope, "logRetentionDays", p.logRetentionDays, retentionProblem(p.logRetentionDays));
  validateNetwork(scope, p, fail);
  if (p.https) {
    check(scope, "https.domain", p.https.domain, patternProblem(DOMAIN, p.https.domain));
    check(scope, "https.proxyImage", p.https.proxyImage, patternProblem(IMAGE_URI, p.https.proxyImage));
  }
  if (!COMPOSE_VERSION.test(p.composeVersion)) fail(`composeVersion must be a docker/compose release tag like "v2.39.4", got ${show(p.composeVersion)}`);
  if (p.composeSha256 !== "" && !SHA256.test(p.composeSha256)) fail(`composeSha256 must be 64 lower case hex digits (the release binary's SHA-256), got ${show(p.composeSha256)}`);
}

type Fail = (message: string) => never;

function validateInstance(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  check(scope, "instanceType", p.instanceType, instanceTypeProblem(p.instanceType));
  if (instanceFamily(p.instanceType)?.startsWith("mac")) {
    fail(`instanceType ${show(p.instanceType)} is a Mac instance, which needs a dedicated host and macOS: choose a Linux type such as "t3.small" or "t4g.small"`);
  }
  const hostPlatform = platformOf(p.architecture);
  if (hostPlatform !== p.platform) {
    const suggestion = p.platform === "linux/arm64" ? `a Graviton type such as "t4g.small"` : `an x86_64 type such as "t3.small"`;
    fail(
      `instanceType ${show(p.instanceType)} runs ${hostPlatform} (${p.architecture}) but the image is ${p.platform}: build the image for ${hostPlatform} (image.platform) or choose ${suggestion}`,
    );
  }
}

function validateImage(scope: IConstruct, image: Ec2HostImage): void {
  if ("uri" in image) {
    check(scope, "image.uri", image.uri, patternProblem(IMAGE_URI, image.uri));
    return;
  }
  if (image.pinnedReference !== undefined) check(scope, "image.pinnedReference", image.pinnedReference, patternProblem(PINNED_REFERENCE, image.pinnedReference));
  if (image.tag !== undefined) check(scope, "image.tag", image.tag, patternProblem(IMAGE_TAG, image.tag));
}

function validateEnvironment(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  for (const [where, record] of [["environment", p.environment], ["secrets", p.secrets]] as const) {
    for (const name of Object.keys(record)) {
      const problem = patternProblem(ENV_NAME, name);
      if (problem !== undefined) fail(`${where}: key ${show(name)} is not allowed: ${problem}`);
    }
  }
  for (const [name, arn] of Object.entries(p.secrets)) {
    if (name in p.environment) fail(`${name} is both a plain environment variable and a secret: keep it in one of them`);
    if (RESERVED_SECRET_NAME.test(name)) {
      fail(`secret name ${show(name)} is reserved on the host: secrets are exported to docker compose, where ${name} would change how it runs; rename the variable`);
    }
    check(scope, `secrets.${name}`, arn, secretArnProblem(arn));
  }
}

function validateVolumes(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  const names = new Set<string>();
  const paths = new Set<string>();
  p.volumes.forEach((volume, i) => {
    check(scope, `volumes[${i}].name`, volume.name, patternProblem(VOLUME_NAME, volume.name));
    if ((PROXY_VOLUMES as readonly string[]).includes(volume.name)) fail(`volumes[${i}].name ${show(volume.name)} is reserved for the HTTPS proxy's certificates: choose another name`);
    check(scope, `volumes[${i}].path`, volume.path, patternProblem(MOUNT_PATH, volume.path));
    if (names.has(volume.name)) fail(`volumes[${i}].name ${show(volume.name)} is used twice: volume names must be unique`);
    if (paths.has(volume.path)) fail(`volumes[${i}].path ${show(volume.path)} is used twice: two volumes cannot mount at one path`);
    checkWholeNumber(scope, `volumes[${i}].uid`, volume.uid, POSIX_ID);
    checkWholeNumber(scope, `volumes[${i}].gid`, volume.gid, POSIX_ID);
    names.add(volume.name);
    paths.add(volume.path);
  });
}

function validateHealthCheck(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  const hc = p.healthCheck;
  check(scope, "healthCheck.path", hc.path, patternProblem(HEALTH_CHECK_PATH, hc.path));
  for (const [field, range] of Object.entries(HOST_PROBE)) checkWholeNumber(scope, `healthCheck.${field}`, hc[field as keyof typeof HOST_PROBE], range);
  checkWholeNumber(scope, "updateTimeoutSeconds", p.updateTimeoutSeconds, UPDATE_TIMEOUT);
  const container = p.containerHealthCheck;
  const containerProblem = container && containerHealthCheckProblem("containerHealthCheck", container);
  if (containerProblem) fail(containerProblem);
  if (container && p.updateTimeoutSeconds <= container.intervalSeconds) {
    fail(
      `updateTimeoutSeconds (${p.updateTimeoutSeconds}) must be longer than containerHealthCheck.intervalSeconds (${container.intervalSeconds}): Docker runs the first check one interval after the container starts, and every update would roll back before it; raise updateTimeoutSeconds or shorten the interval`,
    );
  }
  if (p.updateTimeoutSeconds <= hc.gracePeriodSeconds) {
    fail(
      `updateTimeoutSeconds (${p.updateTimeoutSeconds}) must be longer than healthCheck.gracePeriodSeconds (${hc.gracePeriodSeconds}): every update would roll back before the app could start; raise updateTimeoutSeconds`,
    );
  }
}

function validateNetwork(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  if (p.ingressCidrs.length === 0) fail(`ingressCidrs must name at least one source, e.g. ["0.0.0.0/0"] for a public site`);
  p.ingressCidrs.forEach((cidr, i) => check(scope, `ingressCidrs[${i}]`, cidr, cidrProblem(cidr)));
  if (!p.egress.some((rule) => rule.port === 443 && rule.protocol === "tcp")) {
    fail(`egress must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it`);
  }
  p.egress.forEach((rule, i) => {
    checkWholeNumber(scope, `egress[${i}].port`, rule.port, PORT);
    if (rule.cidrBlocks.length === 0) fail(`egress[${i}].cidrBlocks must name at least one destination CIDR`);
    rule.cidrBlocks.forEach((cidr, j) => check(scope, `egress[${i}].cidrBlocks[${j}]`, cidr, cidrProblem(cidr)));
    check(scope, `egress[${i}].description`, rule.description, patternProblem(SECURITY_GROUP_RULE_DESCRIPTION, rule.description));
  });
  for (const d of duplicateIngress(p.ingressCidrs, "ingressCidrs")) check(scope, `ingressCidrs[${d.at[0]}]`, d.value, d.problem);
  for (const d of duplicateEgress(p.egress, "egress")) check(scope, `egress[${d.at[0]}].cidrBlocks[${d.at[1]}]`, d.value, d.problem);
}
