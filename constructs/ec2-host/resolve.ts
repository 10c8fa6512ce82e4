import type { IConstruct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { HEALTH_CHECK_PATH, containerHealthCheckProblem, type ContainerHealthCheck } from "../limits/health-check";
import { IMAGE_TAG, IMAGE_URI, PINNED_REFERENCE } from "../limits/images";
import { retentionProblem } from "../limits/logs";
import { instanceTypeProblem } from "../limits/instance-types";
import { DOMAIN, ENV_NAME, SERVICE_NAME, VOLUME_NAME } from "../limits/names";
import { PORT, SECURITY_GROUP_RULE_DESCRIPTION, cidrProblem } from "../limits/network";
import { patternProblem } from "../limits/rule";
import { secretArnProblem } from "../limits/secrets";
import { duplicateEgress, duplicateIngress } from "../limits/security-groups";
import { GP3_VOLUME_GIB, MOUNT_PATH, POSIX_ID, ROOT_VOLUME_GIB } from "../limits/storage";
import { HOST_PROBE, STOP_GRACE_PERIOD, UPDATE_TIMEOUT } from "../limits/host";
import { architectureOf, instanceFamily, platformOf, type Architecture } from "./architecture";
import type { Platform } from "../limits/images";
import { dependencyCycle } from "../limits/dependencies";
import { LISTENER_RULE_PRIORITY, ROUTE_HOST, ROUTE_PATH } from "../limits/routes";
import { priorityClash } from "../route-order";
import { APP_SERVICE, PROXY_SERVICE, PROXY_VOLUMES, isProxied, type ServiceDependency } from "./compose";
import {
  DEFAULT_COMPOSE_VERSION,
  DEFAULT_PROXY_IMAGE,
  DEFAULT_STOP_GRACE_PERIOD_SECONDS,
  type Ec2HostContainerHealthCheck,
  type Ec2HostEgressRule,
  type Ec2HostImage,
  type Ec2HostProps,
  type Ec2HostVolume,
} from "./props";

/** An Ec2HostService with every default filled in. */
export interface ResolvedHostService {
  readonly name: string;
  readonly image: Ec2HostImage;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly containerHealthCheck?: ContainerHealthCheck;
  readonly volumes: readonly Required<Ec2HostVolume>[];
  readonly dependsOn: Readonly<Record<string, ServiceDependency>>;
  readonly port?: number;
  readonly route?: { readonly pathPrefix?: string; readonly host?: string; readonly priority?: number };
  /** Set for a routed service. */
  readonly healthCheck?: { readonly path: string; readonly timeoutSeconds: number };
}

/** Ec2HostProps with every default filled in, validated. */
export interface ResolvedHostProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly image: Ec2HostImage;
  readonly serviceName: string;
  readonly dependsOn: Readonly<Record<string, ServiceDependency>>;
  readonly services: readonly ResolvedHostService[];
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
  readonly https?: { readonly domain: string; readonly email?: string };
  readonly proxyImage: string;
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
/** Ports the HTTPS proxy publishes on the host; the routing proxy without HTTPS publishes the first only. */
export const PROXY_PORTS = [80, 443];
const HTTP_PORT = PROXY_PORTS[0]!;
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
    serviceName: props.serviceName ?? APP_SERVICE,
    dependsOn: props.dependsOn ?? {},
    services: (props.services ?? []).map((service) => ({
      name: service.name,
      image: service.image,
      command: service.command,
      entrypoint: service.entrypoint,
      environment: service.environment ?? {},
      secrets: service.secrets ?? {},
      containerHealthCheck: containerHealthCheckOf(service.containerHealthCheck),
      volumes: volumesOf(service.volumes),
      dependsOn: service.dependsOn ?? {},
      port: service.port,
      route: service.route,
      healthCheck: service.route && { path: service.healthCheck?.path ?? "/", timeoutSeconds: service.healthCheck?.timeoutSeconds ?? 5 },
    })),
    platform,
    architecture: architectureOf(instanceType),
    port: props.port,
    command: props.command,
    entrypoint: props.entrypoint,
    environment: props.environment ?? {},
    secrets: props.secrets ?? {},
    healthCheck,
    containerHealthCheck: containerHealthCheckOf(props.containerHealthCheck),
    volumes: volumesOf(props.volumes),
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
    https: props.https && { domain: props.https.domain, email: props.https.email },
    proxyImage: props.proxyImage ?? DEFAULT_PROXY_IMAGE,
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

function containerHealthCheckOf(check: Ec2HostContainerHealthCheck | undefined): ContainerHealthCheck | undefined {
  return (
    check && {
      command: check.command,
      intervalSeconds: check.intervalSeconds ?? 30,
      timeoutSeconds: check.timeoutSeconds ?? 5,
      retries: check.retries ?? 3,
      startPeriodSeconds: check.startPeriodSeconds ?? 0,
    }
  );
}

function volumesOf(volumes: readonly Ec2HostVolume[] | undefined): Required<Ec2HostVolume>[] {
  return (volumes ?? []).map((v) => ({ name: v.name, path: v.path, uid: v.uid ?? DEFAULT_VOLUME_OWNER, gid: v.gid ?? DEFAULT_VOLUME_OWNER }));
}

function validate(scope: IConstruct, p: ResolvedHostProps): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, message);
  };
  if (!NAME.test(p.name)) fail(`name must be 2-41 lower case letters, digits and hyphens starting with a letter (it prefixes resource names), got ${show(p.name)}`);
  validateInstance(scope, p, fail);
  checkWholeNumber(scope, "port", p.port, PORT);
  const proxied = isProxied(p);
  if (proxied && (p.https ? PROXY_PORTS : [HTTP_PORT]).includes(p.port)) {
    fail(`port ${p.port} conflicts with the ${p.https ? "HTTPS proxy, which publishes ports 80 and 443" : "routing proxy, which publishes port 80"} on the host: have the app listen on another port (e.g. 8080)`);
  }
  if (proxied && p.port === SSH_PORT) {
    fail(`port ${p.port} is sshd's on the host, and ${p.https ? "with HTTPS" : "behind the routing proxy"} the app's port is published on the host's loopback: have the app listen on another port (e.g. 8080)`);
  }
  validateImage(scope, "image", p.image);
  validateEnvironment(scope, "", p, fail);
  validateVolumes(scope, "", p, fail);
  validateHealthCheck(scope, p, fail);
  validateServices(scope, p, fail);
  checkWholeNumber(scope, "rootVolumeGiB", p.rootVolumeGiB, ROOT_VOLUME_GIB);
  checkWholeNumber(scope, "dataVolumeGiB", p.dataVolumeGiB, GP3_VOLUME_GIB);
  checkWholeNumber(scope, "stopGracePeriodSeconds", p.stopGracePeriodSeconds, STOP_GRACE_PERIOD);
  check(scope, "logRetentionDays", p.logRetentionDays, retentionProblem(p.logRetentionDays));
  validateNetwork(scope, p, fail);
  if (p.https) check(scope, "https.domain", p.https.domain, patternProblem(DOMAIN, p.https.domain));
  check(scope, "proxyImage", p.proxyImage, patternProblem(IMAGE_URI, p.proxyImage));
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

function validateImage(scope: IConstruct, prop: string, image: Ec2HostImage): void {
  if ("uri" in image) {
    check(scope, `${prop}.uri`, image.uri, patternProblem(IMAGE_URI, image.uri));
    return;
  }
  if (image.pinnedReference !== undefined) check(scope, `${prop}.pinnedReference`, image.pinnedReference, patternProblem(PINNED_REFERENCE, image.pinnedReference));
  if (image.tag !== undefined) check(scope, `${prop}.tag`, image.tag, patternProblem(IMAGE_TAG, image.tag));
}

type ServiceFields = Pick<ResolvedHostService, "environment" | "secrets" | "volumes">;

/** `at` prefixes the props named in messages: "" for the public service, `services[1].` for another. */
function validateEnvironment(scope: IConstruct, at: string, s: ServiceFields, fail: Fail): void {
  for (const [where, record] of [["environment", s.environment], ["secrets", s.secrets]] as const) {
    for (const name of Object.keys(record)) {
      const problem = patternProblem(ENV_NAME, name);
      if (problem !== undefined) fail(`${at}${where}: key ${show(name)} is not allowed: ${problem}`);
    }
  }
  for (const [name, arn] of Object.entries(s.secrets)) {
    if (name in s.environment) fail(`${at}${name} is both a plain environment variable and a secret: keep it in one of them`);
    if (RESERVED_SECRET_NAME.test(name)) {
      fail(`${at}secret name ${show(name)} is reserved on the host: secrets are exported to docker compose, where ${name} would change how it runs; rename the variable`);
    }
    check(scope, `${at}secrets.${name}`, arn, secretArnProblem(arn));
  }
}

function validateVolumes(scope: IConstruct, at: string, s: ServiceFields, fail: Fail): void {
  const names = new Set<string>();
  const paths = new Set<string>();
  s.volumes.forEach((volume, i) => {
    const prop = `${at}volumes[${i}]`;
    check(scope, `${prop}.name`, volume.name, patternProblem(VOLUME_NAME, volume.name));
    if ((PROXY_VOLUMES as readonly string[]).includes(volume.name)) fail(`${prop}.name ${show(volume.name)} is reserved for the HTTPS proxy's certificates: choose another name`);
    check(scope, `${prop}.path`, volume.path, patternProblem(MOUNT_PATH, volume.path));
    if (names.has(volume.name)) fail(`${prop}.name ${show(volume.name)} is used twice: volume names must be unique`);
    if (paths.has(volume.path)) fail(`${prop}.path ${show(volume.path)} is used twice: two volumes cannot mount at one path`);
    checkWholeNumber(scope, `${prop}.uid`, volume.uid, POSIX_ID);
    checkWholeNumber(scope, `${prop}.gid`, volume.gid, POSIX_ID);
    names.add(volume.name);
    paths.add(volume.path);
  });
}

/**
 * The other services: names that compose and DNS accept, once each; their own fields as the public
 * service's; dependencies on services of the project, without a cycle; what all services share
 * (a volume's owner, a secret name's ARN) agreeing.
 */
function validateServices(scope: IConstruct, p: ResolvedHostProps, fail: Fail): void {
  const proxied = isProxied(p);
  const all = [{ ...p, name: p.serviceName }, ...p.services];
  const names = all.map((s) => s.name);
  all.forEach((s, i) => {
    const at = i === 0 ? "" : `services[${i - 1}].`;
    check(scope, i === 0 ? "serviceName" : `${at}name`, s.name, patternProblem(SERVICE_NAME, s.name));
    if (names.indexOf(s.name) !== i) fail(`${at}name ${show(s.name)} is used twice: each service of the host needs its own name`);
    if (proxied && s.name === PROXY_SERVICE) fail(`${i === 0 ? "serviceName" : `${at}name`} ${show(s.name)} is the ${p.https ? "HTTPS" : "routing"} proxy's service name: choose another name`);
    if (i > 0) {
      validateImage(scope, `${at}image`, s.image);
      validateEnvironment(scope, at, s, fail);
      validateVolumes(scope, at, s, fail);
      validateRoute(scope, at, s, fail);
      const problem = s.containerHealthCheck && containerHealthCheckProblem(`${at}containerHealthCheck`, s.containerHealthCheck);
      if (problem) fail(problem);
      if (s.containerHealthCheck && p.updateTimeoutSeconds <= s.containerHealthCheck.intervalSeconds) {
        fail(
          `updateTimeoutSeconds (${p.updateTimeoutSeconds}) must be longer than ${at}containerHealthCheck.intervalSeconds (${s.containerHealthCheck.intervalSeconds}): Docker runs the first check one interval after the container starts, and every update would roll back before it; raise updateTimeoutSeconds or shorten the interval`,
        );
      }
    }
    for (const other of Object.keys(s.dependsOn)) {
      if (other === s.name || !names.includes(other)) fail(`${at}dependsOn names ${show(other)}, which is ${other === s.name ? "the service itself" : `no service of the host (${names.join(", ")})`}: name another service`);
    }
  });
  const routes = new Map<string, string>();
  p.services.forEach((s, i) => {
    if (s.route === undefined) return;
    const match = `${s.route.host ?? ""}${s.route.pathPrefix ?? ""}`;
    const first = routes.get(match);
    if (first !== undefined) fail(`services[${i}].route matches ${match}, as service ${show(first)}'s route does: the later one would never be reached; give it another path or host`);
    routes.set(match, s.name);
  });
  const clash = priorityClash(p.services.flatMap((s) => (s.route ? [{ name: s.name, ...s.route }] : [])));
  if (clash) {
    fail(
      `service ${show(clash.route)}'s route would take priority ${clash.priority}, as service ${show(clash.other)}'s does (a priority not given is numbered from the route's host or path depth and a hash of the service's name): give one of them a route.priority from 1 to 50000 that no other route takes`,
    );
  }
  const cycle = dependencyCycle(new Map(all.map((s) => [s.name, Object.keys(s.dependsOn)])));
  if (cycle) fail(`dependsOn closes a cycle (${cycle.join(" → ")}): none of these services could start first; remove one of these dependencies`);
  const owners = new Map<string, string>();
  const arns = new Map<string, string>();
  for (const s of all) {
    for (const v of s.volumes) {
      const owner = `${v.uid}:${v.gid}`;
      if ((owners.get(v.name) ?? owner) !== owner) fail(`volume ${show(v.name)} is mounted by several services with different owners (${owners.get(v.name)} and ${owner}): it is one directory with one owner; give every mount the same uid and gid`);
      owners.set(v.name, owner);
    }
    for (const [name, arn] of Object.entries(s.secrets)) {
      if ((arns.get(name) ?? arn) !== arn) fail(`secret ${name} reads ${arns.get(name)} in one service and ${arn} in another: the host fetches each secret name once for all services; rename one of the variables`);
      arns.set(name, arn);
    }
  }
}

/** A service's port, and its route: a path prefix or host Caddy and the ALB both take, reached by no other route. */
function validateRoute(scope: IConstruct, at: string, s: ResolvedHostService, fail: Fail): void {
  if (s.port !== undefined) checkWholeNumber(scope, `${at}port`, s.port, PORT);
  if (s.route === undefined) return;
  if (s.port === undefined) fail(`${at}route is set but ${at}port is not: the proxy sends the route's requests to the port the service listens on; give port`);
  if (s.route.pathPrefix === undefined && s.route.host === undefined) fail(`${at}route has neither pathPrefix nor host: give a path prefix like "/api", a host like "api.example.com", or both`);
  if (s.route.pathPrefix !== undefined) check(scope, `${at}route.pathPrefix`, s.route.pathPrefix, patternProblem(ROUTE_PATH, s.route.pathPrefix));
  if (s.route.host !== undefined) check(scope, `${at}route.host`, s.route.host, patternProblem(ROUTE_HOST, s.route.host));
  if (s.route.priority !== undefined) checkWholeNumber(scope, `${at}route.priority`, s.route.priority, LISTENER_RULE_PRIORITY);
  check(scope, `${at}healthCheck.path`, s.healthCheck!.path, patternProblem(HEALTH_CHECK_PATH, s.healthCheck!.path));
  checkWholeNumber(scope, `${at}healthCheck.timeoutSeconds`, s.healthCheck!.timeoutSeconds, HOST_PROBE.timeoutSeconds);
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
