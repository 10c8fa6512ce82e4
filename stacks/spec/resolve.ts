import type { ContainerHealthCheck } from "../../constructs/limits/health-check";
import type { Platform } from "../../constructs/limits/images";
import type { RETENTION_DAYS } from "../../constructs/limits/logs";
import { TARGET_DEFINITIONS, type ResolvedTargets, type TargetId } from "../targets";
import { DEFAULTS, type Stage } from "./presets";
import { resolvePolicy, type ResolvedPolicy } from "./policy";
import type { BerthConfig } from "./schema";
import { serviceNameOf, singleView } from "./single-view";
import type { DependsOnCondition } from "./dependencies";
import type { EXPOSE, MultiServiceConfig } from "./services";
import type { SpecConfig } from "./validate";

export type { Platform } from "../../constructs/limits/images";
export type { Stage } from "./presets";
export type { TargetId as Target } from "../targets";

export interface ResolvedImage {
  /** Name of this image within the app; the ECR repository is `<app>-<stage>/<name>`. */
  readonly name: string;
  readonly platform: Platform;
  /** Set when berth builds the image. */
  readonly build?: {
    readonly context: string;
    readonly dockerfile: string;
    readonly buildArgs: Readonly<Record<string, string>>;
    readonly target?: string;
  };
  /** Set when the image already exists elsewhere. */
  readonly uri?: string;
}

export type ResolvedNetwork =
  | {
      readonly kind: "new";
      readonly cidrBlock: string;
      readonly azCount: number;
      readonly natGateways: "none" | "single" | "perAz";
      readonly vpcEndpoints: boolean;
    }
  | { readonly kind: "existing"; readonly vpcId: string; readonly publicSubnetIds: readonly string[]; readonly privateSubnetIds: readonly string[] };

/** One service of the app with every default filled in. */
export interface ResolvedService {
  readonly name: string;
  /** Where its fields are written, for messages: [] in a single-service spec, ["services", name] in the services form. */
  readonly path: readonly string[];
  readonly image: ResolvedImage;
  /** The port its container listens on; none for a worker or a one-shot job. */
  readonly port?: number;
  /** How it is reached, when it has a port: by users ("public") or by the app's other services only ("internal"). */
  readonly expose?: (typeof EXPOSE)[number];
  /** Which requests reach it, for a public service other than the app's default one: a path prefix, a host, or both. */
  readonly route?: { readonly pathPrefix?: string; readonly host?: string; readonly priority?: number };
  /** The load balancer's (or host's) HTTP probe of a public service. */
  readonly healthCheck?: ResolvedHealthCheck;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly containerHealthCheck?: ContainerHealthCheck;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly volumes: readonly ResolvedVolume[];
  /** The services it starts after, each with what it waits for. */
  readonly dependsOn: Readonly<Record<string, DependsOnCondition>>;
}

/** The HTTP probe of a public service by the load balancer or the host. */
export interface ResolvedHealthCheck {
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly gracePeriodSeconds: number;
}

export interface ResolvedVolume {
  readonly name: string;
  readonly path: string;
  readonly uid: number;
  readonly gid: number;
}

/** The spec with every default filled in: what the stacks read. */
export type ResolvedConfig = ResolvedApp & ResolvedTargets;

/** The app-wide part of the resolved spec; each target's part is under its id (ResolvedTargets). */
export interface ResolvedApp {
  readonly app: string;
  readonly stage: Stage;
  readonly region: string;
  readonly targets: readonly TargetId[];
  readonly image: ResolvedImage;
  readonly port: number;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly healthCheck: ResolvedHealthCheck;
  /** The check run inside the container, when the spec gives one. */
  readonly containerHealthCheck?: ContainerHealthCheck;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly volumes: readonly ResolvedVolume[];
  /**
   * Every service of the app in the order written, the public one above among them (the fields
   * above are its own): one for a single-service spec.
   */
  readonly services: readonly ResolvedService[];
  readonly logRetentionDays: (typeof RETENTION_DAYS)[number];
  readonly registry: {
    readonly untaggedExpiryDays: number;
    readonly keepImages: number;
    readonly kmsKeyArn?: string;
    readonly forceDelete: boolean;
  };
  readonly state?: { readonly bucket: string; readonly keyPrefix: string; readonly region: string };
  readonly network: ResolvedNetwork;
  readonly tags: Readonly<Record<string, string>>;
  /** Policy rules the spec does not enforce, with reasons. */
  readonly policy: ResolvedPolicy;
  /** Directory of the spec file: build contexts are relative to it. */
  readonly baseDir: string;
}

/**
 * Applies the defaults (presets.ts, and each target's) to a validated spec; a services spec is
 * read as the single-service spec of its public service (single-view.ts).
 */
export function resolveConfig(spec: SpecConfig, baseDir: string): ResolvedConfig {
  const config = "services" in spec ? singleView(spec) : spec;
  const name = serviceNameOf(config);
  const stage: Stage = config.stage ?? DEFAULTS.stage;
  // Each service as written: the single view leaves out what only the services form has (dependsOn).
  const services =
    "services" in spec ? Object.entries(spec.services).map(([n, s]) => resolveService(n, s, ["services", n], stage)) : [resolveService(name, { ...config, expose: "public" }, [], stage)];
  const main = services.find((s) => s.name === name)!;
  const app: ResolvedApp = {
    app: config.app,
    stage,
    region: config.region,
    targets: config.targets,
    image: main.image,
    port: config.port,
    command: main.command,
    entrypoint: main.entrypoint,
    environment: main.environment,
    secrets: main.secrets,
    healthCheck: main.healthCheck!,
    containerHealthCheck: main.containerHealthCheck,
    cpu: main.cpu,
    memoryMiB: main.memoryMiB,
    desiredCount: main.desiredCount,
    volumes: main.volumes,
    services,
    logRetentionDays: (config.logRetentionDays ?? DEFAULTS.logRetentionDays[stage]) as (typeof RETENTION_DAYS)[number],
    registry: {
      untaggedExpiryDays: config.registry?.untaggedExpiryDays ?? DEFAULTS.registry.untaggedExpiryDays,
      keepImages: config.registry?.keepImages ?? DEFAULTS.registry.keepImages[stage],
      kmsKeyArn: config.registry?.kmsKeyArn,
      forceDelete: config.registry?.forceDelete ?? DEFAULTS.registry.forceDelete[stage],
    },
    state: config.state && {
      bucket: config.state.bucket,
      keyPrefix: config.state.keyPrefix ?? `berth/${config.app}/${stage}`,
      region: config.state.region ?? config.region,
    },
    network: resolveNetwork(config.network, stage),
    tags: config.tags ?? {},
    policy: resolvePolicy(config.policy),
    baseDir,
  };
  const targets = Object.fromEntries(TARGET_DEFINITIONS.map((t) => [t.id, t.resolve(config[t.id] as never, { stage, platform: main.image.platform })])) as unknown as ResolvedTargets;
  return { ...app, ...targets };
}

/** The written fields of one service: an entry of `services`, or the single-service spec's own. */
type ServiceInput = MultiServiceConfig["services"][string];

/** One service with the stage's defaults applied. */
function resolveService(name: string, s: ServiceInput, path: readonly string[], stage: Stage): ResolvedService {
  const ch = s.containerHealthCheck;
  const platform = s.image.platform ?? DEFAULTS.image.platform;
  const image: ResolvedImage =
    "uri" in s.image
      ? { name, platform, uri: s.image.uri }
      : {
          name,
          platform,
          build: {
            context: s.image.context,
            dockerfile: s.image.dockerfile ?? DEFAULTS.image.dockerfile,
            buildArgs: s.image.buildArgs ?? {},
            target: s.image.target,
          },
        };
  return {
    name,
    path,
    image,
    port: s.port,
    expose: s.port === undefined ? undefined : (s.expose ?? "internal"),
    route: s.route && { pathPrefix: s.route.path, host: s.route.host, priority: s.route.priority },
    healthCheck: s.expose === "public" ? resolveHealthCheck(s.healthCheck ?? {}, stage) : undefined,
    command: s.command,
    entrypoint: s.entrypoint,
    environment: s.environment ?? {},
    secrets: s.secrets ?? {},
    containerHealthCheck: ch && {
      command: ch.command,
      intervalSeconds: ch.intervalSeconds ?? DEFAULTS.containerHealthCheck.intervalSeconds,
      timeoutSeconds: ch.timeoutSeconds ?? DEFAULTS.containerHealthCheck.timeoutSeconds,
      retries: ch.retries ?? DEFAULTS.containerHealthCheck.retries,
      startPeriodSeconds: ch.startPeriodSeconds ?? DEFAULTS.containerHealthCheck.startPeriodSeconds,
    },
    cpu: s.cpu ?? DEFAULTS.cpu[stage],
    memoryMiB: s.memoryMiB ?? DEFAULTS.memoryMiB[stage],
    // A service that keeps files, other than the default public one (a database), runs one copy
    // unless written: two would write its files at once (fargate refuses more; the host runs one anyway).
    desiredCount: s.desiredCount ?? ((s.expose !== "public" || s.route !== undefined) && (s.volumes ?? []).length > 0 ? 1 : DEFAULTS.desiredCount[stage]),
    volumes: (s.volumes ?? []).map((v) => ({ name: v.name, path: v.path, uid: v.uid ?? DEFAULTS.volume.uid, gid: v.gid ?? DEFAULTS.volume.gid })),
    dependsOn: s.dependsOn ?? {},
  };
}

function resolveHealthCheck(hc: NonNullable<ServiceInput["healthCheck"]>, stage: Stage): ResolvedHealthCheck {
  return {
    path: hc.path ?? DEFAULTS.healthCheck.path,
    intervalSeconds: hc.intervalSeconds ?? DEFAULTS.healthCheck.intervalSeconds,
    timeoutSeconds: hc.timeoutSeconds ?? DEFAULTS.healthCheck.timeoutSeconds,
    healthyThreshold: hc.healthyThreshold ?? DEFAULTS.healthCheck.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold ?? DEFAULTS.healthCheck.unhealthyThreshold,
    gracePeriodSeconds: hc.gracePeriodSeconds ?? DEFAULTS.healthCheck.gracePeriodSeconds[stage],
  };
}

function resolveNetwork(network: BerthConfig["network"], stage: Stage): ResolvedNetwork {
  if (network && "vpcId" in network) {
    return { kind: "existing", vpcId: network.vpcId, publicSubnetIds: network.publicSubnetIds, privateSubnetIds: network.privateSubnetIds ?? [] };
  }
  return {
    kind: "new",
    cidrBlock: network?.cidrBlock ?? DEFAULTS.network.cidrBlock,
    azCount: network?.azCount ?? DEFAULTS.network.azCount,
    natGateways: network?.natGateways ?? DEFAULTS.network.natGateways[stage],
    vpcEndpoints: network?.vpcEndpoints ?? DEFAULTS.network.vpcEndpoints,
  };
}
