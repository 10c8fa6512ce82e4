import type * as z from "zod";
import { DEFAULTS } from "../../spec/presets";
import { resolveEgress, type EgressRule } from "../../spec/network";
import type { ResolveContext } from "../target";
import type { fargateBlock } from "./spec";

/** The fargate target's defaults, in the shape of the app-wide table (stacks/spec/presets.ts). */
export const FARGATE_DEFAULTS = {
  deletionProtection: { dev: false, prod: true },
  internal: false,
  idleTimeoutSeconds: 60,
  deregistrationDelaySeconds: 30,
  healthyHttpCodes: "200-399",
  minHealthyPercent: 100,
  maxPercent: 200,
  waitForSteadyState: true,
  ecsExec: false,
  capacity: { fargate: 1, spot: 0 },
  autoscaling: { cpuPercent: 70, memoryPercent: 80, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 },
  stopTimeoutSeconds: 30,
  writablePaths: ["/tmp"],
  egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs and the internet", protocol: "tcp" }],
  sidecar: { essential: false, startCondition: "START", readonlyRootFilesystem: true },
} as const satisfies Record<string, unknown>;

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

/** The `fargate` block with every default filled in. */
export function resolveFargate(block: z.output<typeof fargateBlock> | undefined, { stage }: ResolveContext): ResolvedFargate {
  const f = block ?? {};
  const d = FARGATE_DEFAULTS;
  const https: ResolvedHttps = !f.https
    ? { kind: "plainHttp" }
    : "certificateArn" in f.https
      ? { kind: "certificate", certificateArn: f.https.certificateArn }
      : { kind: "domain", domain: f.https.domain, hostedZoneId: f.https.hostedZoneId };
  return {
    https,
    internal: f.internal ?? d.internal,
    ingressCidrs: f.ingressCidrs ?? DEFAULTS.ingressCidrs,
    idleTimeoutSeconds: f.idleTimeoutSeconds ?? d.idleTimeoutSeconds,
    accessLogsBucket: f.accessLogsBucket,
    deletionProtection: f.deletionProtection ?? d.deletionProtection[stage],
    deregistrationDelaySeconds: f.deregistrationDelaySeconds ?? d.deregistrationDelaySeconds,
    healthyHttpCodes: f.healthyHttpCodes ?? d.healthyHttpCodes,
    clusterName: f.clusterName,
    minHealthyPercent: f.minHealthyPercent ?? d.minHealthyPercent,
    maxPercent: f.maxPercent ?? d.maxPercent,
    waitForSteadyState: f.waitForSteadyState ?? d.waitForSteadyState,
    ecsExec: f.ecsExec ?? d.ecsExec,
    capacity: f.capacity ?? d.capacity,
    autoscaling: f.autoscaling && {
      minCount: f.autoscaling.minCount,
      maxCount: f.autoscaling.maxCount,
      cpuPercent: f.autoscaling.cpuPercent ?? d.autoscaling.cpuPercent,
      memoryPercent: f.autoscaling.memoryPercent ?? d.autoscaling.memoryPercent,
      requestsPerTarget: f.autoscaling.requestsPerTarget,
      scaleInCooldownSeconds: f.autoscaling.scaleInCooldownSeconds ?? d.autoscaling.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: f.autoscaling.scaleOutCooldownSeconds ?? d.autoscaling.scaleOutCooldownSeconds,
    },
    ephemeralStorageGiB: f.ephemeralStorageGiB,
    // ECS Exec's agent writes to the root filesystem, so it turns the read-only default off.
    readonlyRootFilesystem: f.readonlyRootFilesystem ?? !(f.ecsExec ?? d.ecsExec),
    writablePaths: f.writablePaths ?? d.writablePaths,
    user: f.user,
    containerHealthCheck: f.containerHealthCheck,
    stopTimeoutSeconds: f.stopTimeoutSeconds ?? d.stopTimeoutSeconds,
    egress: resolveEgress(f.egress, d.egress),
    taskRolePolicy: f.taskRolePolicy ?? [],
    sidecars: (f.sidecars ?? []).map((s) => ({
      name: s.name,
      image: s.image,
      command: s.command,
      environment: s.environment ?? {},
      essential: s.essential ?? d.sidecar.essential,
      startCondition: s.startCondition ?? d.sidecar.startCondition,
      cpu: s.cpu,
      memoryMiB: s.memoryMiB,
      healthCheck: s.healthCheck,
      readonlyRootFilesystem: s.readonlyRootFilesystem ?? d.sidecar.readonlyRootFilesystem,
    })),
  };
}
