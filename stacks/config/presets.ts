import type { BerthConfig, PLATFORMS, STAGES, TARGETS } from "./schema";
import type { RETENTION_DAYS } from "../../constructs/limits/logs";
import { resolvePolicy, type ResolvedPolicy } from "./policy";

export type Stage = (typeof STAGES)[number];
export type Target = (typeof TARGETS)[number];
export type Platform = (typeof PLATFORMS)[number];

/**
 * Stage presets: the single place where dev and prod differ. A value the user wrote always wins;
 * a value left out comes from here.
 */
export const STAGE_PRESETS = {
  dev: {
    cpu: 256,
    memoryMiB: 512,
    desiredCount: 1,
    logRetentionDays: 14,
    healthCheckGracePeriodSeconds: 30,
    registryKeepImages: 20,
    registryForceDelete: true,
    natGateways: "single",
    albDeletionProtection: false,
    ec2InstanceType: { "linux/amd64": "t3.small", "linux/arm64": "t4g.small" },
    ec2ElasticIp: false,
    ec2TerminationProtection: false,
    ec2DetailedMonitoring: false,
  },
  prod: {
    cpu: 512,
    memoryMiB: 1024,
    desiredCount: 2,
    logRetentionDays: 90,
    healthCheckGracePeriodSeconds: 60,
    registryKeepImages: 100,
    registryForceDelete: false,
    natGateways: "perAz",
    albDeletionProtection: true,
    ec2InstanceType: { "linux/amd64": "t3.medium", "linux/arm64": "t4g.medium" },
    ec2ElasticIp: true,
    ec2TerminationProtection: true,
    ec2DetailedMonitoring: true,
  },
} as const satisfies Record<Stage, unknown>;

/** Defaults that do not depend on the stage. */
export const COMMON_DEFAULTS = {
  stage: "dev",
  dockerfile: "Dockerfile",
  platform: "linux/amd64",
  healthCheckPath: "/",
  volumeUid: 1000,
  volumeGid: 1000,
  healthCheckIntervalSeconds: 10,
  healthCheckTimeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  registryUntaggedExpiryDays: 3,
  networkCidrBlock: "10.0.0.0/16",
  networkAzCount: 2,
  ingressCidrs: ["0.0.0.0/0"],
  albIdleTimeoutSeconds: 60,
  deregistrationDelaySeconds: 30,
  healthyHttpCodes: "200-399",
  minHealthyPercent: 100,
  maxPercent: 200,
  stopTimeoutSeconds: 30,
  writablePaths: ["/tmp"],
  fargateEgress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs and the internet", protocol: "tcp" }],
  ec2Egress: [
    { port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs, ECR and the internet", protocol: "tcp" },
    { port: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP to package mirrors and ACME challenges", protocol: "tcp" },
  ],
  autoscalingCpuPercent: 70,
  autoscalingMemoryPercent: 80,
  scaleInCooldownSeconds: 300,
  scaleOutCooldownSeconds: 60,
  ec2RootVolumeGiB: 20,
  ec2DataVolumeGiB: 20,
  ec2UpdateTimeoutSeconds: 180,
  ec2ProtectDataVolume: true,
} as const;

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

export interface EgressRule {
  readonly port: number;
  readonly cidrBlocks: readonly string[];
  readonly description: string;
  readonly protocol: "tcp" | "udp";
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

export type ResolvedHttps =
  | { readonly kind: "certificate"; readonly certificateArn: string }
  | { readonly kind: "domain"; readonly domain: string; readonly hostedZoneId: string }
  | { readonly kind: "plainHttp" };

export interface ResolvedSidecar {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly essential: boolean;
  readonly startCondition: "START" | "COMPLETE" | "SUCCESS" | "HEALTHY";
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly healthCheck?: readonly string[];
  readonly readonlyRootFilesystem: boolean;
}

export interface ResolvedFargate {
  readonly https: ResolvedHttps;
  readonly internal: boolean;
  readonly ingressCidrs: readonly string[];
  readonly idleTimeoutSeconds: number;
  readonly accessLogsBucket?: string;
  readonly deletionProtection: boolean;
  readonly deregistrationDelaySeconds: number;
  readonly healthyHttpCodes: string;
  readonly clusterName?: string;
  readonly minHealthyPercent: number;
  readonly maxPercent: number;
  readonly waitForSteadyState: boolean;
  readonly ecsExec: boolean;
  readonly capacity: { readonly fargate: number; readonly spot: number };
  readonly autoscaling?: {
    readonly minCount: number;
    readonly maxCount: number;
    readonly cpuPercent: number;
    readonly memoryPercent: number;
    readonly requestsPerTarget?: number;
    readonly scaleInCooldownSeconds: number;
    readonly scaleOutCooldownSeconds: number;
  };
  readonly ephemeralStorageGiB?: number;
  readonly readonlyRootFilesystem: boolean;
  readonly writablePaths: readonly string[];
  readonly user?: string;
  readonly containerHealthCheck?: readonly string[];
  readonly stopTimeoutSeconds: number;
  readonly egress: readonly EgressRule[];
  readonly taskRolePolicy: readonly { readonly actions: readonly string[]; readonly resources: readonly string[] }[];
  readonly sidecars: readonly ResolvedSidecar[];
}

export interface ResolvedEc2 {
  readonly instanceType: string;
  readonly rootVolumeGiB: number;
  readonly dataVolumeGiB: number;
  readonly ingressCidrs: readonly string[];
  readonly https?: { readonly domain: string; readonly email?: string };
  readonly elasticIp: boolean;
  readonly containersUseInstanceRole: boolean;
  readonly egress: readonly EgressRule[];
  readonly updateTimeoutSeconds: number;
  readonly terminationProtection: boolean;
  readonly detailedMonitoring: boolean;
  readonly protectDataVolume: boolean;
}

/** The spec with every default filled in: what the stacks read. */
export interface ResolvedConfig {
  readonly app: string;
  readonly stage: Stage;
  readonly region: string;
  readonly targets: readonly Target[];
  readonly image: ResolvedImage;
  readonly port: number;
  readonly command?: readonly string[];
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
  readonly fargate: ResolvedFargate;
  readonly ec2: ResolvedEc2;
  readonly tags: Readonly<Record<string, string>>;
  readonly policy: ResolvedPolicy;
  /** Directory of the spec file: build contexts are relative to it. */
  readonly baseDir: string;
}

/** The name of the app's main image and container (and of its ECR repository's last segment). */
export const MAIN_IMAGE_NAME = "web";

/** Applies the stage preset and common defaults to a validated spec. */
export function resolveConfig(config: BerthConfig, baseDir: string): ResolvedConfig {
  const stage: Stage = config.stage ?? COMMON_DEFAULTS.stage;
  const preset = STAGE_PRESETS[stage];
  const hc = config.healthCheck ?? {};
  const platform = config.image.platform ?? COMMON_DEFAULTS.platform;
  const image: ResolvedImage =
    "uri" in config.image
      ? { name: MAIN_IMAGE_NAME, platform, uri: config.image.uri }
      : {
          name: MAIN_IMAGE_NAME,
          platform,
          build: {
            context: config.image.context,
            dockerfile: config.image.dockerfile ?? COMMON_DEFAULTS.dockerfile,
            buildArgs: config.image.buildArgs ?? {},
            target: config.image.target,
          },
        };
  return {
    app: config.app,
    stage,
    region: config.region,
    targets: config.targets,
    image,
    port: config.port,
    command: config.command,
    environment: config.environment ?? {},
    secrets: config.secrets ?? {},
    healthCheck: {
      path: hc.path ?? COMMON_DEFAULTS.healthCheckPath,
      intervalSeconds: hc.intervalSeconds ?? COMMON_DEFAULTS.healthCheckIntervalSeconds,
      timeoutSeconds: hc.timeoutSeconds ?? COMMON_DEFAULTS.healthCheckTimeoutSeconds,
      healthyThreshold: hc.healthyThreshold ?? COMMON_DEFAULTS.healthyThreshold,
      unhealthyThreshold: hc.unhealthyThreshold ?? COMMON_DEFAULTS.unhealthyThreshold,
      gracePeriodSeconds: hc.gracePeriodSeconds ?? preset.healthCheckGracePeriodSeconds,
    },
    cpu: config.cpu ?? preset.cpu,
    memoryMiB: config.memoryMiB ?? preset.memoryMiB,
    desiredCount: config.desiredCount ?? preset.desiredCount,
    volumes: (config.volumes ?? []).map((v) => ({ name: v.name, path: v.path, uid: v.uid ?? COMMON_DEFAULTS.volumeUid, gid: v.gid ?? COMMON_DEFAULTS.volumeGid })),
    logRetentionDays: (config.logRetentionDays ?? preset.logRetentionDays) as (typeof RETENTION_DAYS)[number],
    registry: {
      untaggedExpiryDays: config.registry?.untaggedExpiryDays ?? COMMON_DEFAULTS.registryUntaggedExpiryDays,
      keepImages: config.registry?.keepImages ?? preset.registryKeepImages,
      kmsKeyArn: config.registry?.kmsKeyArn,
      forceDelete: config.registry?.forceDelete ?? preset.registryForceDelete,
    },
    state: config.state && {
      bucket: config.state.bucket,
      keyPrefix: config.state.keyPrefix ?? `berth/${config.app}/${stage}`,
      region: config.state.region ?? config.region,
    },
    network: resolveNetwork(config.network, preset),
    fargate: resolveFargate(config.fargate ?? {}, preset),
    ec2: resolveEc2(config.ec2 ?? {}, preset, platform),
    tags: config.tags ?? {},
    policy: resolvePolicy(config.policy),
    baseDir,
  };
}

type Preset = (typeof STAGE_PRESETS)[Stage];

function resolveNetwork(network: BerthConfig["network"], preset: Preset): ResolvedNetwork {
  if (network && "vpcId" in network) {
    return { kind: "existing", vpcId: network.vpcId, publicSubnetIds: network.publicSubnetIds, privateSubnetIds: network.privateSubnetIds ?? [] };
  }
  return {
    kind: "new",
    cidrBlock: network?.cidrBlock ?? COMMON_DEFAULTS.networkCidrBlock,
    azCount: network?.azCount ?? COMMON_DEFAULTS.networkAzCount,
    natGateways: network?.natGateways ?? preset.natGateways,
    vpcEndpoints: network?.vpcEndpoints ?? false,
  };
}

type EgressInput = { port: number; cidrBlocks: string[]; description: string; protocol?: "tcp" | "udp" }[] | undefined;

function resolveEgress(rules: EgressInput, fallback: readonly EgressRule[]): readonly EgressRule[] {
  return rules ? rules.map((r) => ({ ...r, protocol: r.protocol ?? "tcp" })) : fallback;
}

function resolveFargate(f: NonNullable<BerthConfig["fargate"]>, preset: Preset): ResolvedFargate {
  const https: ResolvedHttps = !f.https
    ? { kind: "plainHttp" }
    : "certificateArn" in f.https
      ? { kind: "certificate", certificateArn: f.https.certificateArn }
      : { kind: "domain", domain: f.https.domain, hostedZoneId: f.https.hostedZoneId };
  return {
    https,
    internal: f.internal ?? false,
    ingressCidrs: f.ingressCidrs ?? COMMON_DEFAULTS.ingressCidrs,
    idleTimeoutSeconds: f.idleTimeoutSeconds ?? COMMON_DEFAULTS.albIdleTimeoutSeconds,
    accessLogsBucket: f.accessLogsBucket,
    deletionProtection: f.deletionProtection ?? preset.albDeletionProtection,
    deregistrationDelaySeconds: f.deregistrationDelaySeconds ?? COMMON_DEFAULTS.deregistrationDelaySeconds,
    healthyHttpCodes: f.healthyHttpCodes ?? COMMON_DEFAULTS.healthyHttpCodes,
    clusterName: f.clusterName,
    minHealthyPercent: f.minHealthyPercent ?? COMMON_DEFAULTS.minHealthyPercent,
    maxPercent: f.maxPercent ?? COMMON_DEFAULTS.maxPercent,
    waitForSteadyState: f.waitForSteadyState ?? true,
    ecsExec: f.ecsExec ?? false,
    capacity: f.capacity ?? { fargate: 1, spot: 0 },
    autoscaling: f.autoscaling && {
      minCount: f.autoscaling.minCount,
      maxCount: f.autoscaling.maxCount,
      cpuPercent: f.autoscaling.cpuPercent ?? COMMON_DEFAULTS.autoscalingCpuPercent,
      memoryPercent: f.autoscaling.memoryPercent ?? COMMON_DEFAULTS.autoscalingMemoryPercent,
      requestsPerTarget: f.autoscaling.requestsPerTarget,
      scaleInCooldownSeconds: f.autoscaling.scaleInCooldownSeconds ?? COMMON_DEFAULTS.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: f.autoscaling.scaleOutCooldownSeconds ?? COMMON_DEFAULTS.scaleOutCooldownSeconds,
    },
    ephemeralStorageGiB: f.ephemeralStorageGiB,
    // ECS Exec's agent writes to the root filesystem, so it turns the read-only default off.
    readonlyRootFilesystem: f.readonlyRootFilesystem ?? !(f.ecsExec ?? false),
    writablePaths: f.writablePaths ?? COMMON_DEFAULTS.writablePaths,
    user: f.user,
    containerHealthCheck: f.containerHealthCheck,
    stopTimeoutSeconds: f.stopTimeoutSeconds ?? COMMON_DEFAULTS.stopTimeoutSeconds,
    egress: resolveEgress(f.egress, COMMON_DEFAULTS.fargateEgress),
    taskRolePolicy: f.taskRolePolicy ?? [],
    sidecars: (f.sidecars ?? []).map((s) => ({
      name: s.name,
      image: s.image,
      command: s.command,
      environment: s.environment ?? {},
      essential: s.essential ?? false,
      startCondition: s.startCondition ?? "START",
      cpu: s.cpu,
      memoryMiB: s.memoryMiB,
      healthCheck: s.healthCheck,
      readonlyRootFilesystem: s.readonlyRootFilesystem ?? true,
    })),
  };
}

function resolveEc2(e: NonNullable<BerthConfig["ec2"]>, preset: Preset, platform: Platform): ResolvedEc2 {
  return {
    instanceType: e.instanceType ?? preset.ec2InstanceType[platform],
    rootVolumeGiB: e.rootVolumeGiB ?? COMMON_DEFAULTS.ec2RootVolumeGiB,
    dataVolumeGiB: e.dataVolumeGiB ?? COMMON_DEFAULTS.ec2DataVolumeGiB,
    ingressCidrs: e.ingressCidrs ?? COMMON_DEFAULTS.ingressCidrs,
    https: e.https,
    elasticIp: e.elasticIp ?? preset.ec2ElasticIp,
    containersUseInstanceRole: e.containersUseInstanceRole ?? false,
    egress: resolveEgress(e.egress, COMMON_DEFAULTS.ec2Egress),
    updateTimeoutSeconds: e.updateTimeoutSeconds ?? COMMON_DEFAULTS.ec2UpdateTimeoutSeconds,
    terminationProtection: e.terminationProtection ?? preset.ec2TerminationProtection,
    detailedMonitoring: e.detailedMonitoring ?? preset.ec2DetailedMonitoring,
    protectDataVolume: e.protectDataVolume ?? COMMON_DEFAULTS.ec2ProtectDataVolume,
  };
}
