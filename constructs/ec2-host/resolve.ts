import type { IConstruct } from "constructs";
import { ValidationError, checkWholeNumber } from "../errors";
import { architectureOf, instanceFamily, platformOf, type Architecture, type ImagePlatform } from "./architecture";
import { PROXY_VOLUMES } from "./compose";
import {
  DEFAULT_COMPOSE_VERSION,
  DEFAULT_PROXY_IMAGE,
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
  readonly platform: ImagePlatform;
  readonly architecture: Architecture;
  readonly port: number;
  readonly command?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly healthCheck: { readonly path: string; readonly intervalSeconds: number; readonly timeoutSeconds: number; readonly healthyThreshold: number; readonly gracePeriodSeconds: number };
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
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VOLUME_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,30}$/;
const ABSOLUTE_PATH = /^\/(?:[A-Za-z0-9._@+-]+\/?)+$/;
const HEALTH_PATH = /^\/[\x21-\x7e]*$/;
const DOMAIN = /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;
const SSM_PARAMETER_ARN = /^arn:aws(?:-cn|-us-gov)?:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+$/;
const SECRETS_MANAGER_ARN = /^arn:aws(?:-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}(?::[^:\s']*:[^:\s']*:[^:\s']*)?$/;
/** registry/name with a tag, a digest or both: berth never deploys an implicit :latest. */
const IMAGE_URI = /^[a-z0-9.-]+(?::\d+)?\/[a-z0-9._/-]+(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/;
const PINNED_REFERENCE = /^[a-z0-9.-]+(?::\d+)?\/[a-z0-9._/-]+@sha256:[a-f0-9]{64}$/;
/** Docker's tag grammar (distribution/reference). */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SHA256 = /^[a-f0-9]{64}$/;
const COMPOSE_VERSION = /^v\d+\.\d+\.\d+$/;
/** Variables that would change how berth's scripts or docker compose run if a secret set them. */
const RESERVED_SECRET_NAME = /^(?:PATH|HOME|IFS|SHELL|LD_[A-Z_]*|BERTH_[A-Z0-9_]*|DOCKER_[A-Z0-9_]*|COMPOSE_[A-Z0-9_]*)$/;
/** The values CloudWatch Logs accepts for retention (PutRetentionPolicy). */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** Owner uid and gid of a named volume's top directory unless given (the spec's default too). */
const DEFAULT_VOLUME_OWNER = 1000;
/** Largest uid or gid Linux accepts (32 bits). */
const MAX_ID = 4294967295;
/** Ports the HTTPS proxy publishes on the host. */
const PROXY_PORTS = [80, 443];

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
    environment: props.environment ?? {},
    secrets: props.secrets ?? {},
    healthCheck,
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
    stopGracePeriodSeconds: props.stopGracePeriodSeconds ?? 30,
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
  validateInstance(p, fail);
  checkWholeNumber(scope, "port", p.port, 1, 65535);
  if (p.https && PROXY_PORTS.includes(p.port)) {
    fail(`port ${p.port} conflicts with the HTTPS proxy, which publishes ports 80 and 443 on the host: have the app listen on another port (e.g. 8080)`);
  }
  validateImage(p.image, fail);
  validateEnvironment(p, fail);
  validateVolumes(scope, p, fail);
  validateHealthCheck(scope, p, fail);
  checkWholeNumber(scope, "rootVolumeGiB", p.rootVolumeGiB, 8, 16384);
  checkWholeNumber(scope, "dataVolumeGiB", p.dataVolumeGiB, 1, 16384);
  checkWholeNumber(scope, "stopGracePeriodSeconds", p.stopGracePeriodSeconds, 1, 3600);
  if (!RETENTION_DAYS.includes(p.logRetentionDays)) fail(`logRetentionDays must be a CloudWatch retention (${RETENTION_DAYS.join(", ")}), got ${p.logRetentionDays}`);
  validateNetwork(p, fail);
  if (p.https && !DOMAIN.test(p.https.domain)) fail(`https.domain must be a lower case domain name like "shop.example.com", got ${show(p.https.domain)}`);
  if (p.https && !IMAGE_URI.test(p.https.proxyImage)) fail(`https.proxyImage must be an image reference with a tag or digest, got ${show(p.https.proxyImage)}`);
  if (!COMPOSE_VERSION.test(p.composeVersion)) fail(`composeVersion must be a docker/compose release tag like "v2.39.4", got ${show(p.composeVersion)}`);
  if (p.composeSha256 !== "" && !SHA256.test(p.composeSha256)) fail(`composeSha256 must be 64 lower case hex digits (the release binary's SHA-256), got ${show(p.composeSha256)}`);
}

type Fail = (message: string) => never;

function validateInstance(p: ResolvedHostProps, fail: Fail): void {
  const family = instanceFamily(p.instanceType);
  if (family === undefined) {
    fail(`instanceType must be an EC2 instance type like "t3.small" (<family>.<size>), got ${show(p.instanceType)}`);
  }
  if (family?.startsWith("mac")) {
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

function validateImage(image: Ec2HostImage, fail: Fail): void {
  if ("uri" in image) {
    if (!IMAGE_URI.test(image.uri)) fail(`image.uri must be registry/name with a tag or digest (e.g. "public.ecr.aws/nginx/nginx:1.27"), got ${show(image.uri)}`);
    return;
  }
  if (image.pinnedReference !== undefined && !PINNED_REFERENCE.test(image.pinnedReference)) {
    fail(`image.pinnedReference must be <repository uri>@sha256:<64 hex digits>, got ${show(image.pinnedReference)}`);
  }
  if (image.tag !== undefined && !IMAGE_TAG.test(image.tag)) {
    fail(`image.tag must be a Docker tag (a letter, digit or underscore, then up to 127 of those, "." or "-"), got ${show(image.tag)}`);
  }
}

function validateEnvironment(p: ResolvedHostProps, fail: Fail): void {
  for (const name of [...Object.keys(p.environment), ...Object.keys(p.secrets)]) {
    if (!ENV_NAME.test(name)) fail(`environment variable name ${show(name)} is not valid: use letters, digits and underscores, not starting with a digit`);
  }
  for (const [name, arn] of Object.entries(p.secrets)) {
    if (name in p.environment) fail(`${name} is both a plain environment variable and a secret: keep it in one of them`);
    if (RESERVED_SECRET_NAME.test(name)) {
      fail(`secret name ${show(name)} is reserved on the host: secrets are exported to docker compose, where ${name} would change how it runs; rename the variable`);
    }
    if (!SSM_PARAMETER_ARN.test(arn) && !SECRETS_MANAGER_ARN.test(arn)) {
      fail(
        `secrets.${name} must be an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>[:<json-key>::]), got ${show(arn)}`,
      );
    }
  }
}

function validateVolumes(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  const names = new Set<string>();
  const paths = new Set<string>();
  p.volumes.forEach((volume, i) => {
    if (!VOLUME_NAME.test(volume.name)) fail(`volumes[${i}].name must be lower case letters, digits and single hyphens, starting with a letter, at most 31 characters, got ${show(volume.name)}`);
    if ((PROXY_VOLUMES as readonly string[]).includes(volume.name)) fail(`volumes[${i}].name ${show(volume.name)} is reserved for the HTTPS proxy's certificates: choose another name`);
    if (!ABSOLUTE_PATH.test(volume.path)) fail(`volumes[${i}].path must be an absolute path inside the container like "/var/lib/app", got ${show(volume.path)}`);
    if (names.has(volume.name)) fail(`volumes[${i}].name ${show(volume.name)} is used twice: volume names must be unique`);
    if (paths.has(volume.path)) fail(`volumes[${i}].path ${show(volume.path)} is used twice: two volumes cannot mount at one path`);
    checkWholeNumber(scope, `volumes[${i}].uid`, volume.uid, 0, MAX_ID);
    checkWholeNumber(scope, `volumes[${i}].gid`, volume.gid, 0, MAX_ID);
    names.add(volume.name);
    paths.add(volume.path);
  });
}

function validateHealthCheck(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  const hc = p.healthCheck;
  if (!HEALTH_PATH.test(hc.path)) fail(`healthCheck.path must start with "/" and hold printable ASCII without spaces, got ${show(hc.path)}`);
  checkWholeNumber(scope, "healthCheck.intervalSeconds", hc.intervalSeconds, 1, 300);
  checkWholeNumber(scope, "healthCheck.timeoutSeconds", hc.timeoutSeconds, 1, 120);
  checkWholeNumber(scope, "healthCheck.healthyThreshold", hc.healthyThreshold, 1, 10);
  checkWholeNumber(scope, "healthCheck.gracePeriodSeconds", hc.gracePeriodSeconds, 0, 3600);
  checkWholeNumber(scope, "updateTimeoutSeconds", p.updateTimeoutSeconds, 10, 3600);
  if (p.updateTimeoutSeconds <= hc.gracePeriodSeconds) {
    fail(
      `updateTimeoutSeconds (${p.updateTimeoutSeconds}) must be longer than healthCheck.gracePeriodSeconds (${hc.gracePeriodSeconds}): every update would roll back before the app could start; raise updateTimeoutSeconds`,
    );
  }
}

function validCidr(cidr: string): boolean {
  const m = CIDR.exec(cidr);
  return m !== null && m.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(m[5]) <= 32;
}

function validateNetwork(p: ResolvedHostProps, fail: Fail): void {
  if (p.ingressCidrs.length === 0) fail(`ingressCidrs must name at least one source, e.g. ["0.0.0.0/0"] for a public site`);
  for (const cidr of p.ingressCidrs) if (!validCidr(cidr)) fail(`ingressCidrs: ${show(cidr)} is not an IPv4 CIDR like "203.0.113.0/24"`);
  if (!p.egress.some((rule) => rule.port === 443 && rule.protocol === "tcp")) {
    fail(`egress must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it`);
  }
  p.egress.forEach((rule, i) => {
    if (!Number.isInteger(rule.port) || rule.port < 1 || rule.port > 65535) fail(`egress[${i}].port must be a whole number from 1 to 65535, got ${rule.port}`);
    if (rule.cidrBlocks.length === 0) fail(`egress[${i}].cidrBlocks must name at least one destination CIDR`);
    for (const cidr of rule.cidrBlocks) if (!validCidr(cidr)) fail(`egress[${i}].cidrBlocks: ${show(cidr)} is not an IPv4 CIDR like "203.0.113.0/24"`);
    if (rule.description.trim() === "" || rule.description.length > 255) fail(`egress[${i}].description must be 1-255 characters: every rule says why it exists`);
  });
}
