import { duplicateEgress, duplicateIngress } from "../../constructs/limits/security-groups";
import { AZ_COUNT, CIDR_ALLOWED, PORT, SECURITY_GROUP_RULE_DESCRIPTION, VPC_CIDR_ALLOWED, cidrProblem, vpcCidrProblem } from "../../constructs/limits/network";
import { checkedText, either, fact, flag, inRange, list, matching, nonEmptyList, object, oneOf } from "./fields";

const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

export const NAT_MODES = ["none", "single", "perAz"] as const;

const cidrs = nonEmptyList(checkedText(CIDR_ALLOWED, cidrProblem), 'IPv4 CIDRs like ["0.0.0.0/0"]');

/** The sources of one ingress rule, each at most once; `field` is the list's path in the spec. */
export function ingressCidrList(field: string) {
  return cidrs.superRefine((list, ctx) => {
    for (const d of duplicateIngress(list, field)) ctx.addIssue({ code: "custom", path: [...d.at], message: d.problem });
  });
}

/** An outbound rule (fargate.egress, ec2.egress). */
const egressRule = object({
  port: inRange(PORT),
  cidrBlocks: cidrs,
  description: fact(SECURITY_GROUP_RULE_DESCRIPTION),
  /** @default "tcp" */
  protocol: oneOf(["tcp", "udp"] as const).optional(),
});

/** Outbound rules, each (protocol, port, CIDR) at most once; `field` is the list's path in the spec. */
export function egressList(field: string) {
  return nonEmptyList(egressRule, "egress rules { port, cidrBlocks, description, protocol? }").superRefine((rules, ctx) => {
    for (const d of duplicateEgress(rules, field)) ctx.addIssue({ code: "custom", path: [d.at[0]!, "cidrBlocks", d.at[1]!], message: d.problem });
  });
}

const subnetIds = list(matching(SUBNET_ID, 'a subnet ID like "subnet-0abc1234"'), "subnet IDs");

/** A VPC that berth creates. */
export const ownNetwork = object({
  /** @default "10.0.0.0/16" */
  cidrBlock: checkedText(VPC_CIDR_ALLOWED, vpcCidrProblem).optional(),
  /** Availability zones. @default 2 */
  azCount: inRange(AZ_COUNT).optional(),
  /** NAT for the private subnets. @default "single" (dev), "perAz" (prod) */
  natGateways: oneOf(NAT_MODES).optional(),
  /** VPC endpoints for ECR, logs, SSM, Secrets Manager and S3. @default false */
  vpcEndpoints: flag().optional(),
});

/** An existing VPC and subnets. */
export const existingNetwork = object({
  vpcId: matching(VPC_ID, 'a VPC ID like "vpc-0abc1234"'),
  publicSubnetIds: subnetIds.min(1, { error: "must name at least one public subnet" }),
  privateSubnetIds: subnetIds.optional(),
});

export const networkBlock = either(
  [existingNetwork, ownNetwork],
  "{ cidrBlock?, azCount?, natGateways?, vpcEndpoints? } for a new VPC, or { vpcId, publicSubnetIds, privateSubnetIds? } for an existing one",
);

export interface EgressRule {
  readonly port: number;
  readonly cidrBlocks: readonly string[];
  readonly description: string;
  readonly protocol: "tcp" | "udp";
}

type EgressInput = { port: number; cidrBlocks: string[]; description: string; protocol?: "tcp" | "udp" }[] | undefined;

/** The spec's egress rules with their protocol filled in, or a target's default rules. */
export function resolveEgress(rules: EgressInput, fallback: readonly EgressRule[]): readonly EgressRule[] {
  return rules ? rules.map((r) => ({ ...r, protocol: r.protocol ?? "tcp" })) : fallback;
}
