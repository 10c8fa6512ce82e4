import type { Pattern, Range } from "./rule";

/** TCP/UDP ports (terraform-provider-aws: validation.IsPortNumber, 1-65535). */
export const PORT: Range = { min: 1, max: 65535 };

const IPV4_CIDR = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(0|[1-9]\d?)$/;

export const CIDR_ALLOWED = 'an IPv4 CIDR like "203.0.113.0/24": four numbers from 0 to 255 and a prefix from 0 to 32';

/**
 * Why `value` is not an IPv4 network CIDR, or undefined. Host bits are refused as the provider
 * refuses them at plan: aws_vpc cidr_block (verify.ValidIPv4CIDRNetworkAddress), aws_security_group
 * cidr_blocks (verify.ValidCIDRNetworkAddress) and aws_vpc_security_group_{ingress,egress}_rule
 * cidr_ipv4 (fwvalidators.IPv4CIDRNetworkAddress), all "did you mean <network>?" (hashicorp/
 * terraform-provider-aws internal/verify/validate.go, internal/framework/validators). Leading zeros
 * are refused too: Go's net.ParseCIDR, which those validators call, rejects them.
 */
export function cidrProblem(value: string): string | undefined {
  const m = IPV4_CIDR.exec(value);
  const octets = m?.slice(1, 5).map(Number);
  const prefix = Number(m?.[5]);
  if (!octets || octets.some((o) => o > 255) || prefix > 32) return `must be ${CIDR_ALLOWED}`;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  if (network === address) return undefined;
  const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
  return `has host bits set: the network is "${dotted}/${prefix}"`;
}

/** The prefix length of a CIDR that cidrProblem accepts. */
export function cidrPrefix(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

/**
 * AWS allows VPC and subnet blocks from /16 to /28 (Amazon VPC User Guide, "VPC CIDR blocks" and
 * "Subnet CIDR blocks"). berth cuts a VPC into 16 subnets (4 more prefix bits), so its VPC may be
 * at most a /24: its subnets are then /28, the smallest AWS allows.
 */
export const VPC_PREFIX: Range = { min: 16, max: 24 };
export const VPC_CIDR_ALLOWED = `an IPv4 CIDR from /${VPC_PREFIX.min} to /${VPC_PREFIX.max} like "10.0.0.0/16"`;

/**
 * Availability zones of a VPC berth creates: berth's own choice, 1-6. berth cuts the VPC into 16
 * slices (SUBNET_NEW_BITS), public subnets from slice 0 and private ones from slice 8, one of each
 * per AZ; 6 keeps each half from filling up, with room to add AZs later.
 */
export const AZ_COUNT: Range = { min: 1, max: 6 };

/** Prefix bits added to the VPC's prefix for each subnet: every subnet is one sixteenth of the VPC. */
export const SUBNET_NEW_BITS = 4;

/** The prefix length of each subnet of a VPC with this prefix length (e.g. 16 → 20, 24 → 28). */
export function subnetPrefixLength(vpcPrefixLength: number): number {
  return vpcPrefixLength + SUBNET_NEW_BITS;
}

/** Why `value` is not a VPC block berth can cut into subnets, or undefined. */
export function vpcCidrProblem(value: string): string | undefined {
  const problem = cidrProblem(value);
  if (problem !== undefined) return problem;
  const prefix = cidrPrefix(value);
  return prefix >= VPC_PREFIX.min && prefix <= VPC_PREFIX.max ? undefined : `must be ${VPC_CIDR_ALLOWED}`;
}

/**
 * The largest subnet prefix length an Application Load Balancer accepts: each of its subnets needs
 * at least a /27 and at least 8 free IP addresses (ELB User Guide, application-load-balancers.html,
 * "Subnets for your load balancer").
 */
export const ALB_SUBNET_MAX_PREFIX = 27;

/**
 * A security group rule's description: up to 255 characters of a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$* (EC2 API Reference, IpRange Description; terraform-provider-aws
 * validSecurityGroupRuleDescription). berth asks for one on every rule: not empty, not all spaces.
 */
export const SECURITY_GROUP_RULE_DESCRIPTION: Pattern = {
  pattern: /^(?=.*[^ ])[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/,
  allowed: "a description of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (what EC2 accepts), not all spaces",
};
