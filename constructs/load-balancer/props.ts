import type { Construct } from "constructs";

/** How the load balancer serves HTTPS. */
export type HttpsMode =
  /** An existing ACM certificate. */
  | { readonly certificateArn: string }
  /** A DNS-validated certificate for `domain`, created in the hosted zone, plus an alias record. */
  | { readonly domain: string; readonly hostedZoneId: string }
  /** No TLS: HTTP on port 80 only (a first demo without a domain). */
  | { readonly plainHttp: true };

export interface TargetHealthCheck {
  /** Path probed; must begin with "/". */
  readonly path: string;
  /** HTTP codes that count as healthy. @default "200-399" */
  readonly healthyHttpCodes?: string;
  /** Seconds between probes. @default 10 */
  readonly intervalSeconds?: number;
  /** Seconds before a probe counts as failed; less than `intervalSeconds`. @default 5 */
  readonly timeoutSeconds?: number;
  /** Consecutive passes that make a target healthy. @default 2 */
  readonly healthyThreshold?: number;
  /** Consecutive failures that make a target unhealthy. @default 3 */
  readonly unhealthyThreshold?: number;
}

export interface LoadBalancerProps {
  /** Base of the ALB and target group names (shortened to AWS's 32 characters when needed). */
  readonly name: string;
  /** VPC of the load balancer, its security group and target group. */
  readonly vpcId: string;
  /** Subnets of the ALB: public ones, or private ones when `internal`. At least 2, in distinct AZs. */
  readonly subnetIds: readonly string[];
  /**
   * Prefix length of the subnets, when known (`Network.subnetPrefixLength`): an ALB needs /27 or
   * larger. @default - not checked (existing subnets)
   */
  readonly subnetPrefixLength?: number;
  /** Certificate, domain or plain HTTP. */
  readonly https: HttpsMode;
  /**
   * Port the targets listen on: the one port of the target group, and the port a FargateService's
   * container listens on (the service reads it from here, so the two cannot differ).
   */
  readonly targetPort: number;
  /** The target group's health check. */
  readonly healthCheck: TargetHealthCheck;
  /** Reachable only inside the VPC. @default false */
  readonly internal?: boolean;
  /** Who may connect on 443 (and 80). @default ["0.0.0.0/0"] */
  readonly ingressCidrs?: readonly string[];
  /** @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** @default false */
  readonly deletionProtection?: boolean;
  /** Seconds a deregistered target keeps draining (the ELB default of 300 makes deploys slow). @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** Existing S3 bucket for access logs. @default - no access logs */
  readonly accessLogsBucket?: string;
  /** TLS policy of the HTTPS listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
  /**
   * Requests sent to target groups of their own, by path prefix or host name (listener rules); the
   * default target group takes every other request. Reach one with `routeTo(name)`. @default []
   */
  readonly routes?: readonly LoadBalancerRouteProps[];
}

/** A listener rule and the target group it forwards to. */
export interface LoadBalancerRouteProps {
  /** The route's name, unique on the load balancer: its construct id ("route-<name>") and Name tags. */
  readonly name: string;
  /** Requests whose path is this prefix or lies under it (`/api` and `/api/*`; case-sensitive). @default - any path */
  readonly pathPrefix?: string;
  /**
   * Requests for this host name. With `https.domain`, the certificate covers it too and an alias
   * record in the hosted zone points it at the load balancer. @default - any host
   */
  readonly host?: string;
  /** Port the route's targets listen on. */
  readonly targetPort: number;
  /** The route's target group's health check. */
  readonly healthCheck: TargetHealthCheck;
  /**
   * Rule priority (1-50000, unique on the listener; lower is tried first). @default - from the
   * route's shape (host routes first, then deeper paths) and a hash of its name, so that adding or
   * removing another route never moves it (constructs/route-order.ts); two names that hash to one
   * number are refused, asking for this
   */
  readonly priority?: number;
}

/** Something the load balancer sends traffic to, behind its own security group (see LoadBalancer.allowTo). */
export interface LoadBalancerTarget {
  /**
   * Construct the two rules are created in, so that each target's pair has its own Terraform
   * address (a FargateService passes itself).
   */
  readonly scope: Construct;
  /** The target's security group. */
  readonly securityGroupId: string;
  /** How the load balancer's egress rule names the target, e.g. "the tasks of shop-dev". */
  readonly label: string;
}
