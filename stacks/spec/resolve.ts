import type { ContainerHealthCheck } from "../../constructs/limits/health-check";
import type { Platform } from "../../constructs/limits/images";
import type { RETENTION_DAYS } from "../../constructs/limits/logs";
import { TARGET_DEFINITIONS, type ResolvedTargets, type TargetId } from "../targets";
import { DEFAULTS, type Stage } from "./presets";
import { resolvePolicy, type ResolvedPolicy } from "./policy";
import type { BerthConfig } from "./schema";
import { serviceNameOf, singleView } from "./single-view";
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
  readonly healthCheck: {
    readonly path: string;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
    readonly gracePeriodSeconds: number;
  };
  /** The check run inside the container, when the spec gives one. */
  readonly containerHealthCheck?: ContainerHealthCheck;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly volumes: readonly { readonly name: string; readonly path: string; readonly uid: number; readonly gid: number }[];
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
  /** Where the service's fields are written: [] in a single-service spec, ["services", name] in the services form (for messages). */
  readonly servicePath: readonly string[];
}

/**
 * Applies the defaults (presets.ts, and each target's) to a validated spec; a services spec is
 * read as the single-service spec of its public service (single-view.ts).
 */
export function resolveConfig(spec: SpecConfig, baseDir: string): ResolvedConfig {
  const config = "services" in spec ? singleView(spec) : spec;
  const name = serviceNameOf(config);
  const stage: Stage = config.stage ?? DEFAULTS.stage;
  const hc = config.healthCheck ?? {};
  const ch = config.containerHealthCheck;
  const platform = config.image.platform ?? DEFAULTS.image.platform;
  const image: ResolvedImage =
    "uri" in config.image
      ? { name, platform, uri: config.image.uri }
      : {
          name,
          platform,
          build: {
            context: config.image.context,
            dockerfile: config.image.dockerfile ?? DEFAULTS.image.dockerfile,
            buildArgs: config.image.buildArgs ?? {},
            target: config.image.target,
          },
        };
  const app: ResolvedApp = {
    app: config.app,
    stage,
    region: config.region,
    targets: config.targets,
    image,
    port: config.port,
    command: config.command,
    entrypoint: config.entrypoint,
    environment: config.environment ?? {},
    secrets: config.secrets ?? {},
    healthCheck: {
      path: hc.path ?? DEFAULTS.healthCheck.path,
      intervalSeconds: hc.intervalSeconds ?? DEFAULTS.healthCheck.intervalSeconds,
      timeoutSeconds: hc.timeoutSeconds ?? DEFAULTS.healthCheck.timeoutSeconds,
      healthyThreshold: hc.healthyThreshold ?? DEFAULTS.healthCheck.healthyThreshold,
      unhealthyThreshold: hc.unhealthyThreshold ?? DEFAULTS.healthCheck.unhealthyThreshold,
      gracePeriodSeconds: hc.gracePeriodSeconds ?? DEFAULTS.healthCheck.gracePeriodSeconds[stage],
    },
    containerHealthCheck: ch && {
      command: ch.command,
      intervalSeconds: ch.intervalSeconds ?? DEFAULTS.containerHealthCheck.intervalSeconds,
      timeoutSeconds: ch.timeoutSeconds ?? DEFAULTS.containerHealthCheck.timeoutSeconds,
      retries: ch.retries ?? DEFAULTS.containerHealthCheck.retries,
      startPeriodSeconds: ch.startPeriodSeconds ?? DEFAULTS.containerHealthCheck.startPeriodSeconds,
    },
    cpu: config.cpu ?? DEFAULTS.cpu[stage],
    memoryMiB: config.memoryMiB ?? DEFAULTS.memoryMiB[stage],
    desiredCount: config.desiredCount ?? DEFAULTS.desiredCount[stage],
    volumes: (config.volumes ?? []).map((v) => ({ name: v.name, path: v.path, uid: v.uid ?? DEFAULTS.volume.uid, gid: v.gid ?? DEFAULTS.volume.gid })),
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
    servicePath: "services" in spec ? ["services", name] : [],
  };
  const targets = Object.fromEntries(TARGET_DEFINITIONS.map((t) => [t.id, t.resolve(config[t.id] as never, { stage, platform })])) as unknown as ResolvedTargets;
  return { ...app, ...targets };
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
