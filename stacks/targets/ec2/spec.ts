import { EC2_INSTANCE_TYPE, instanceTypeProblem } from "../../../constructs/limits/instance-types";
import { DOMAIN } from "../../../constructs/limits/names";
import { UPDATE_TIMEOUT } from "../../../constructs/limits/host";
import { GP3_VOLUME_GIB, ROOT_VOLUME_GIB } from "../../../constructs/limits/storage";
import { checkedText, fact, flag, inRange, matching, object } from "../../spec/fields";
import { egressList, ingressCidrList } from "../../spec/network";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Options of the `ec2` target (one Docker host). */
export const ec2Block = object({
  /** EC2 instance type; its architecture must match image.platform. @default "t3.small" / "t4g.small" (dev), "t3.medium" / "t4g.medium" (prod), by platform */
  instanceType: checkedText(EC2_INSTANCE_TYPE.allowed, instanceTypeProblem).optional(),
  /** Root volume size (gp3, encrypted). @default 20 */
  rootVolumeGiB: inRange(ROOT_VOLUME_GIB).optional(),
  /** Data volume for Docker named volumes (gp3, encrypted, kept when the instance is replaced). @default 20 */
  dataVolumeGiB: inRange(GP3_VOLUME_GIB).optional(),
  /** Who may reach the app's published ports. @default ["0.0.0.0/0"] */
  ingressCidrs: ingressCidrList("ec2.ingressCidrs").optional(),
  /** HTTPS through a Caddy reverse proxy that obtains and renews certificates for the domain. @default - plain HTTP on port 80 */
  https: object({
    /** Its DNS must point at the host. */
    domain: fact(DOMAIN),
    /** ACME account e-mail for expiry notices. @default - none */
    email: matching(EMAIL, "an e-mail address").optional(),
  }).optional(),
  /** A static public IP that survives instance replacement. @default false (dev), true (prod) */
  elasticIp: flag().optional(),
  /** Let containers use the instance role through IMDS (hop limit 2 instead of 1). @default false */
  containersUseInstanceRole: flag().optional(),
  /** Outbound rules of the host. @default HTTPS (443) and HTTP (80, package mirrors) to anywhere */
  egress: egressList("ec2.egress").optional(),
  /** Seconds an update waits for the new containers to become healthy before rolling back; more than healthCheck.gracePeriodSeconds. @default 180 */
  updateTimeoutSeconds: inRange(UPDATE_TIMEOUT).optional(),
  /** Refuse API termination of the host; turn off for one apply to replace it. @default false (dev), true (prod) */
  terminationProtection: flag().optional(),
  /** CloudWatch detailed (1-minute) instance monitoring. @default false (dev), true (prod) */
  detailedMonitoring: flag().optional(),
  /** Keep the data volume when the stack is destroyed (Terraform prevent_destroy); set false, apply, then destroy to delete it. @default true */
  protectDataVolume: flag().optional(),
});
