import { z } from "zod";
import { matching, oneOf, wholeNumber } from "./fields";

const CIDR = /^\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

export const NAT_MODES = ["none", "single", "perAz"] as const;

export const cidrList = z.array(matching(CIDR, 'an IPv4 CIDR like "203.0.113.0/24"'), { error: 'must be a list of IPv4 CIDRs like ["0.0.0.0/0"]' }).min(1);

const subnetIds = z.array(matching(SUBNET_ID, 'a subnet ID like "subnet-0abc1234"'), { error: "must be a list of subnet IDs" });

/** A VPC that berth creates. */
export const ownNetwork = z.strictObject({
  /** @default "10.0.0.0/16" */
  cidrBlock: matching(CIDR, 'an IPv4 CIDR from /16 to /24 like "10.0.0.0/16"').optional(),
  /** Availability zones. @default 2 */
  azCount: wholeNumber(1, 6).optional(),
  /** NAT for the private subnets. @default "single" (dev), "perAz" (prod) */
  natGateways: oneOf(NAT_MODES).optional(),
  /** VPC endpoints for ECR, logs, SSM, Secrets Manager and S3. @default false */
  vpcEndpoints: z.boolean({ error: "must be true or false" }).optional(),
});

/** An existing VPC and subnets. */
export const existingNetwork = z.strictObject({
  vpcId: matching(VPC_ID, 'a VPC ID like "vpc-0abc1234"'),
  publicSubnetIds: subnetIds.min(1, { error: "must name at least one public subnet" }),
  privateSubnetIds: subnetIds.optional(),
});

export const networkBlock = z.union([existingNetwork, ownNetwork], {
  error: "must be { cidrBlock?, azCount?, natGateways?, vpcEndpoints? } for a new VPC, or { vpcId, publicSubnetIds, privateSubnetIds? } for an existing one",
});
