import type * as z from "zod";
import { DEFAULTS } from "../../spec/presets";
import { resolveEgress, type EgressRule } from "../../spec/network";
import type { ResolveContext } from "../target";
import type { ec2Block } from "./spec";

/** The ec2 target's defaults, in the shape of the app-wide table (stacks/spec/presets.ts). */
export const EC2_DEFAULTS = {
  /** By stage, then by the image's platform: the host's architecture follows the image. */
  instanceType: {
    dev: { "linux/amd64": "t3.small", "linux/arm64": "t4g.small" },
    prod: { "linux/amd64": "t3.medium", "linux/arm64": "t4g.medium" },
  },
  rootVolumeGiB: 20,
  dataVolumeGiB: 20,
  elasticIp: { dev: false, prod: true },
  containersUseInstanceRole: false,
  egress: [
    { port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs, ECR and the internet", protocol: "tcp" },
    { port: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP to package mirrors and ACME challenges", protocol: "tcp" },
  ],
  updateTimeoutSeconds: 180,
  terminationProtection: { dev: false, prod: true },
  detailedMonitoring: { dev: false, prod: true },
  protectDataVolume: true,
} as const satisfies Record<string, unknown>;

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

/** The `ec2` block with every default filled in. */
export function resolveEc2(block: z.output<typeof ec2Block> | undefined, { stage, platform }: ResolveContext): ResolvedEc2 {
  const e = block ?? {};
  const d = EC2_DEFAULTS;
  return {
    instanceType: e.instanceType ?? d.instanceType[stage][platform],
    rootVolumeGiB: e.rootVolumeGiB ?? d.rootVolumeGiB,
    dataVolumeGiB: e.dataVolumeGiB ?? d.dataVolumeGiB,
    ingressCidrs: e.ingressCidrs ?? DEFAULTS.ingressCidrs,
    https: e.https,
    elasticIp: e.elasticIp ?? d.elasticIp[stage],
    containersUseInstanceRole: e.containersUseInstanceRole ?? d.containersUseInstanceRole,
    egress: resolveEgress(e.egress, d.egress),
    updateTimeoutSeconds: e.updateTimeoutSeconds ?? d.updateTimeoutSeconds,
    terminationProtection: e.terminationProtection ?? d.terminationProtection[stage],
    detailedMonitoring: e.detailedMonitoring ?? d.detailedMonitoring[stage],
    protectDataVolume: e.protectDataVolume ?? d.protectDataVolume,
  };
}
