/** How Network sizes its subnets; kept free of provider bindings so that spec checks can use it. */

/** Prefix bits added to the VPC's prefix for each subnet: every subnet is one sixteenth of the VPC. */
export const SUBNET_NEW_BITS = 4;

/** The prefix length of each subnet of a VPC with this prefix length (e.g. 16 → 20, 24 → 28). */
export function subnetPrefixLength(vpcPrefixLength: number): number {
  return vpcPrefixLength + SUBNET_NEW_BITS;
}
