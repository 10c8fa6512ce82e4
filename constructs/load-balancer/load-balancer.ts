import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../errors";
import { listenerCertificate } from "./certificate";
import { elbName, targetGroupNamePrefix } from "./names";
import type { HttpsMode, LoadBalancerProps, LoadBalancerTarget, TargetHealthCheck } from "./props";
import { resolveLoadBalancerProps, type ResolvedLoadBalancerProps } from "./resolve";
import { routePriority } from "../route-order";
import { routeConditions } from "./routes";

/** What a service behind the load balancer needs of it: the default target group's, or a route's (routeTo). */
export interface LoadBalancerEndpoint {
  /** The load balancer's security group. */
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  /** The port of the target group, which its targets listen on. */
  readonly targetPort: number;
  /** `app/<name>/<id>/targetgroup/<name>/<id>`: the ALBRequestCountPerTarget resource label. */
  readonly requestCountResourceLabel: string;
  /** What a service must wait for: a target group needs a listener (or rule) before a service uses it. */
  readonly listener: ITerraformDependable;
  /** Lets the load balancer reach `target` on `port` (LoadBalancer.allowTo). */
  allowTo(target: LoadBalancerTarget, port: number): void;
}

/**
 * A target group of `ip` targets with fast health checks and a short deregistration delay. Target
 * group names are unique per account and Region, and a replacement (new port, VPC, ...) is created
 * before the old group is destroyed: a fixed name would collide. Terraform appends a unique suffix
 * to the prefix; the Name tag stays readable.
 */
function newTargetGroup(scope: Construct, id: string, p: ResolvedLoadBalancerProps, port: number, health: Required<TargetHealthCheck>, nameTag: string): LbTargetGroup {
  return new LbTargetGroup(scope, id, {
    namePrefix: targetGroupNamePrefix(p.name),
    targetType: "ip",
    port,
    protocol: "HTTP",
    vpcId: p.vpcId,
    deregistrationDelay: String(p.deregistrationDelaySeconds),
    healthCheck: {
      enabled: true,
      path: health.path,
      protocol: "HTTP",
      port: "traffic-port",
      matcher: health.healthyHttpCodes,
      interval: health.intervalSeconds,
      timeout: health.timeoutSeconds,
      healthyThreshold: health.healthyThreshold,
      unhealthyThreshold: health.unhealthyThreshold,
    },
    lifecycle: { createBeforeDestroy: true },
    tags: { Name: nameTag },
  });
}

/**
 * An Application Load Balancer in front of `ip` targets: HTTPS with a modern TLS policy and an
 * HTTP→HTTPS redirect (or plain HTTP only when asked), invalid headers dropped, defensive desync
 * mitigation, and a target group with fast health checks and a short deregistration delay; each
 * route adds a listener rule (by path prefix and/or host) forwarding to a target group of its own.
 */
export class LoadBalancer extends Construct implements LoadBalancerEndpoint {
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  /** The port of the target group, which its targets listen on. */
  readonly targetPort: number;
  readonly dnsName: string;
  /** `app/<name>/<id>/targetgroup/<name>/<id>`: the ALBRequestCountPerTarget resource label. */
  readonly requestCountResourceLabel: string;
  /** URL clients use: https://<domain>, https://<alb dns> or http://<alb dns>. */
  readonly url: string;
  /** The listener the service must wait for (a target group needs one before a service uses it). */
  readonly listener: ITerraformDependable;
  private readonly routes = new Map<string, LoadBalancerEndpoint>();

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const p = resolveLoadBalancerProps(this, props);
    const plainHttp = "plainHttp" in p.https;

    const sg = new SecurityGroup(this, "sg", {
      name: `${p.name}-alb`,
      description: `Load balancer of ${p.name}: ${plainHttp ? "HTTP" : "HTTPS (and HTTP redirect)"} from allowed CIDRs`,
      vpcId: p.vpcId,
      tags: { Name: `${p.name}-alb` },
    });
    p.ingressCidrs.forEach((cidr, i) => {
      for (const port of plainHttp ? [80] : [443, 80]) {
        new VpcSecurityGroupIngressRule(this, `ingress-${port}-${i}`, {
          securityGroupId: sg.id,
          description: port === 443 ? `HTTPS from ${cidr}` : plainHttp ? `HTTP from ${cidr}` : `HTTP from ${cidr}, redirected to HTTPS`,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
        });
      }
    });

    const lb = new Lb(this, "alb", {
      name: elbName(p.name),
      loadBalancerType: "application",
      internal: p.internal,
      securityGroups: [sg.id],
      subnets: [...p.subnetIds],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      enableDeletionProtection: p.deletionProtection,
      idleTimeout: p.idleTimeoutSeconds,
      accessLogs: p.accessLogsBucket ? { bucket: p.accessLogsBucket, enabled: true, prefix: p.name } : undefined,
    });

    const targetGroup = newTargetGroup(this, "targets", p, p.targetPort, p.healthCheck, `${p.name}-${p.targetPort}`);
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];

    let serving: LbListener;
    if (plainHttp) {
      serving = new LbListener(this, "http", { loadBalancerArn: lb.arn, port: 80, protocol: "HTTP", defaultAction: forward });
      this.url = `http://${lb.dnsName}`;
    } else {
      const https = p.https as Exclude<HttpsMode, { plainHttp: true }>;
      serving = new LbListener(this, "https", {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: p.sslPolicy,
        certificateArn: listenerCertificate(this, https, lb, p.routes),
        defaultAction: forward,
      });
      new LbListener(this, "http-redirect", {
        loadBalancerArn: lb.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      });
      this.url = "domain" in https ? `https://${https.domain}` : `https://${lb.dnsName}`;
    }

    this.listener = serving;
    this.securityGroupId = sg.id;
    this.targetGroupArn = targetGroup.arn;
    this.targetPort = p.targetPort;
    this.dnsName = lb.dnsName;
    this.requestCountResourceLabel = `${lb.arnSuffix}/${targetGroup.arnSuffix}`;

    // With HTTPS the HTTP listener only redirects: the rules belong on the one that serves.
    for (const r of p.routes) {
      const scope = new Construct(this, `route-${r.name}`);
      const group = newTargetGroup(scope, "targets", p, r.targetPort, r.healthCheck, `${p.name}-${r.name}-${r.targetPort}`);
      const rule = new LbListenerRule(scope, "rule", {
        listenerArn: serving.arn,
        priority: routePriority(r),
        condition: routeConditions(r),
        action: [{ type: "forward", targetGroupArn: group.arn }],
        tags: { Name: `${p.name}-${r.name}` },
      });
      this.routes.set(r.name, {
        securityGroupId: sg.id,
        targetGroupArn: group.arn,
        targetPort: r.targetPort,
        requestCountResourceLabel: `${lb.arnSuffix}/${group.arnSuffix}`,
        listener: rule,
        allowTo: (target, port) => this.allowTo(target, port),
      });
    }
  }

  /** The target group, rule and port of the route named `name` (LoadBalancerProps.routes). */
  routeTo(name: string): LoadBalancerEndpoint {
    const route = this.routes.get(name);
    if (route === undefined) throw new ValidationError(this, `has no route named "${name}" (its routes: ${[...this.routes.keys()].join(", ") || "none"}): add it to routes`);
    return route;
  }

  /**
   * Lets the load balancer reach `target` on `port` and nothing else: an ingress rule on the
   * target's group from the load balancer's group, and an egress rule on the load balancer's group
   * to the target's. Both are created in `target.scope` (ids "from-alb" and "alb-to-tasks", the
   * addresses they have always had: moving them would replace both rules).
   */
  allowTo(target: LoadBalancerTarget, port: number): void {
    new VpcSecurityGroupIngressRule(target.scope, "from-alb", {
      securityGroupId: target.securityGroupId,
      description: `App port ${port} from the load balancer`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: this.securityGroupId,
    });
    new VpcSecurityGroupEgressRule(target.scope, "alb-to-tasks", {
      securityGroupId: this.securityGroupId,
      description: `To ${target.label} on the app port ${port}`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: target.securityGroupId,
    });
  }
}
