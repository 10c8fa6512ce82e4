import type { BerthConfig, PLATFORMS, RETENTION_DAYS, STAGES, TARGETS } from "./schema";

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
  },
  prod: {
    cpu: 512,
    memoryMiB: 1024,
    desiredCount: 2,
    logRetentionDays: 90,
    healthCheckGracePeriodSeconds: 60,
    registryKeepImages: 100,
    registryForceDelete: false,
  },
} as const satisfies Record<Stage, unknown>;

/** Defaults that do not depend on the stage. */
export const COMMON_DEFAULTS = {
  stage: "dev",
  dockerfile: "Dockerfile",
  platform: "linux/amd64",
  healthCheckPath: "/",
  healthCheckIntervalSeconds: 10,
  healthCheckTimeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  registryUntaggedExpiryDays: 3,
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
  readonly volumes: readonly { readonly name: string; readonly path: string }[];
  readonly logRetentionDays: (typeof RETENTION_DAYS)[number];
  readonly registry: {
    readonly untaggedExpiryDays: number;
    readonly keepImages: number;
    readonly kmsKeyArn?: string;
    readonly forceDelete: boolean;
  };
  readonly state?: { readonly bucket: string; readonly keyPrefix: string; readonly region: string };
  readonly tags: Readonly<Record<string, string>>;
  /** Directory of the spec file: build contexts are relative to it. */
  readonly baseDir: string;
}

/** The name of the app's main image (and of its ECR repository's last segment). */
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
    volumes: config.volumes ?? [],
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
    tags: config.tags ?? {},
    baseDir,
  };
}
