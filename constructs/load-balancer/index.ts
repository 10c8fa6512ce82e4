import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { ALB_HEALTHY_HTTP_CODES, ALB_IDLE_TIMEOUT, DEREGISTRATION_DELAY, HEALTH_CHECK_PATH, TARGET_GROUP_HEALTH_CHECK } from "../limits/health-check";
import { ALB_SUBNET_MAX_PREFIX, PORT, cidrProblem } from "../limits/network";
import { patternProblem } from "../limits/rule";
import { bucketNameProblem } from "../limits/s3";
import { duplicateIngress } from "../limits/security-groups";
import { elbName, targetGroupNamePrefix } from "./names";


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
  /** @default "200-399" */
  readonly healthyHttpCodes?: string;
  /** @default 10 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 2 */
  readonly healthyThreshold?: number;
  /** @default 3 */
  readonly unhealthyThreshold?: number;
}

export interface LoadBalancerProps {
  /** Base of the ALB and target group names (shortened to AWS's 32 characters when needed). */
  readonly name: string;
  readonly vpcId: string;
  /** Subnets of the ALB: public ones, or private ones when `internal`. At least 2, in distinct AZs. */
  readonly subnetIds: readonly string[];
  /**
   * Prefix length of the subnets, when known (`Network.subnetPrefixLength`): an ALB needs /27 or
   * larger. @default - not checked (existing subnets)
   */
  readonly subnetPrefixLength?: number;
  readonly https: HttpsMode;
  /** Port the targets (tasks) listen on. */
  readonly targetPort: number;
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
}

/**
 * An Application Load Balancer in front of `ip` targets: HTTPS with a modern TLS policy and an
 * HTTP→HTTPS redirect (or plain HTTP only when asked), invalid headers dropped, defensive desync
 * mitigation, and a target group with fast health checks and a short deregistration delay.
 */
export class LoadBalancer extends Construct {
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  readonly targetPort: number;
  readonly dnsName: string;
  /** `app/<name>/<id>/targetgroup/<name>/<id>`: the ALBRequestCountPerTarget resource label. */
  readonly requestCountResourceLabel: string;
  /** URL clients use: https://<domain>, https://<alb dns> or http://<alb dns>. */
  readonly url: string;
  /** The listener the service must wait for (a target group needs one before a service uses it). */
  readonly listener: ITerraformDependable;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const internal = props.internal ?? false;
    const ingressCidrs = props.ingressCidrs ?? ["0.0.0.0/0"];
    const idleTimeoutSeconds = props.idleTimeoutSeconds ?? 60;
    const deletionProtection = props.deletionProtection ?? false;
    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? 30;
    const sslPolicy = props.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06";
    const hc = props.healthCheck;
    const health = {
      healthyHttpCodes: hc.healthyHttpCodes ?? "200-399",
      intervalSeconds: hc.intervalSeconds ?? 10,
      timeoutSeconds: hc.timeoutSeconds ?? 5,
      healthyThreshold: hc.healthyThreshold ?? 2,
      unhealthyThreshold: hc.unhealthyThreshold ?? 3,
    };

    if (props.subnetIds.length < 2) {
      throw new ValidationError(this, `an Application Load Balancer needs subnets in at least 2 AZs, got ${props.subnetIds.length} subnet(s): use azCount of 2 or more, or list more subnets`);
    }
    if (props.subnetPrefixLength !== undefined && props.subnetPrefixLength > ALB_SUBNET_MAX_PREFIX) {
      throw new ValidationError(
        this,
        `the subnets are /${props.subnetPrefixLength} but an Application Load Balancer needs subnets of /${ALB_SUBNET_MAX_PREFIX} or larger (with 8 free addresses each): give it larger subnets`,
      );
    }
    check(this, "healthCheck.path", hc.path, patternProblem(HEALTH_CHECK_PATH, hc.path));
    checkWholeNumber(this, "targetPort", props.targetPort, PORT);
    checkWholeNumber(this, "idleTimeoutSeconds", idleTimeoutSeconds, ALB_IDLE_TIMEOUT);
    checkWholeNumber(this, "deregistrationDelaySeconds", deregistrationDelaySeconds, DEREGISTRATION_DELAY);
    for (const [field, range] of Object.entries(TARGET_GROUP_HEALTH_CHECK)) {
      checkWholeNumber(this, `healthCheck.${field}`, health[field as keyof typeof TARGET_GROUP_HEALTH_CHECK], range);
    }
    check(this, "healthCheck.healthyHttpCodes", health.healthyHttpCodes, patternProblem(ALB_HEALTHY_HTTP_CODES, health.healthyHttpCodes));
    ingressCidrs.forEach((cidr, i) => check(this, `ingressCidrs[${i}]`, cidr, cidrProblem(cidr)));
    for (const d of duplicateIngress(ingressCidrs, "ingressCidrs")) check(this, `ingressCidrs[${d.at[0]}]`, d.value, d.problem);
    if (props.accessLogsBucket !== undefined) check(this, "accessLogsBucket", props.accessLogsBucket, bucketNameProblem(props.accessLogsBucket));
    if (health.timeoutSeconds >= health.intervalSeconds) {
      throw new ValidationError(this, `healthCheck.timeoutSeconds (${health.timeoutSeconds}) must be less than intervalSeconds (${health.intervalSeconds})`);
    }

    const plainHttp = "plainHttp" in props.https;
    const sg = new SecurityGroup(this, "sg", {
      name: `${props.name}-alb`,
      description: `Load balancer of ${props.name}: ${plainHttp ? "HTTP" : "HTTPS (and HTTP redirect)"} from allowed CIDRs`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-alb` },
    });
    ingressCidrs.forEach((cidr, i) => {
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
      name: elbName(props.name),
      loadBalancerType: "application",
      internal,
      securityGroups: [sg.id],
      subnets: [...props.subnetIds],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      enableDeletionProtection: deletionProtection,
      idleTimeout: idleTimeoutSeconds,
      accessLogs: props.accessLogsBucket ? { bucket: props.accessLogsBucket, enabled: true, prefix: props.name } : undefined,
    });

    const targetGroup = new LbTargetGroup(this, "targets", {
      // Target group names are unique per account and Region, and a replacement (new port, VPC,
      // ...) is created before the old group is destroyed: a fixed name would collide. Terraform
      // appends a unique suffix to the prefix; the Name tag stays readable.
      namePrefix: targetGroupNamePrefix(props.name),
      targetType: "ip",
      port: props.targetPort,
      protocol: "HTTP",
      vpcId: props.vpcId,
      deregistrationDelay: String(deregistrationDelaySeconds),
      healthCheck: {
        enabled: true,
        path: hc.path,
        protocol: "HTTP",
        port: "traffic-port",
        matcher: health.healthyHttpCodes,
        interval: health.intervalSeconds,
        timeout: health.timeoutSeconds,
        healthyThreshold: health.healthyThreshold,
        unhealthyThreshold: health.unhealthyThreshold,
      },
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: `${props.name}-${props.targetPort}` },
    });
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];

    if (plainHttp) {
      this.listener = new LbListener(this, "http", { loadBalancerArn: lb.arn, port: 80, protocol: "HTTP", defaultAction: forward });
      this.url = `http://${lb.dnsName}`;
    } else {
      const certificateArn = this.certificate(props.https as Exclude<HttpsMode, { plainHttp: true }>, lb);
      this.listener = new LbListener(this, "https", {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy,
        certificateArn,
        defaultAction: forward,
      });
      new LbListener(this, "http-redirect", {
        loadBalancerArn: lb.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      });
      this.url = "domain" in props.https ? `https://${props.https.domain}` : `https://${lb.dnsName}`;
    }

    this.securityGroupId = sg.id;
    this.targetGroupArn = targetGroup.arn;
    this.targetPort = props.targetPort;
    this.dnsName = lb.dnsName;
    this.requestCountResourceLabel = `${lb.arnSuffix}/${targetGroup.arnSuffix}`;
  }

  /** The listener certificate: the given one, or a new DNS-validated one with an alias record. */
  private certificate(https: Exclude<HttpsMode, { plainHttp: true }>, lb: Lb): string {
    if ("certificateArn" in https) return https.certificateArn;
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: https.domain,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    // One domain, no SANs: exactly one validation record, addressable at synth time (no for_each
    // over values unknown until apply).
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, "certificate-validation", {
      zoneId: https.hostedZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "certificate-validated", {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
    new Route53Record(this, "alias", {
      zoneId: https.hostedZoneId,
      name: https.domain,
      type: "A",
      alias: { name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true },
    });
    return validation.certificateArn;
  }
}
