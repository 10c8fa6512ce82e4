import type { IConstruct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { ALB_HEALTHY_HTTP_CODES, ALB_IDLE_TIMEOUT, DEREGISTRATION_DELAY, HEALTH_CHECK_PATH, TARGET_GROUP_HEALTH_CHECK } from "../limits/health-check";
import { ALB_SUBNET_MAX_PREFIX, PORT, cidrProblem } from "../limits/network";
import { patternProblem } from "../limits/rule";
import { bucketNameProblem } from "../limits/s3";
import { duplicateIngress } from "../limits/security-groups";
import type { LoadBalancerProps, LoadBalancerRouteProps, TargetHealthCheck } from "./props";
import { validateRoutes } from "./routes";

/** LoadBalancerProps with every default filled in, validated. */
export interface ResolvedLoadBalancerProps extends LoadBalancerProps {
  readonly internal: boolean;
  readonly ingressCidrs: readonly string[];
  readonly idleTimeoutSeconds: number;
  readonly deletionProtection: boolean;
  readonly deregistrationDelaySeconds: number;
  readonly sslPolicy: string;
  readonly healthCheck: Required<TargetHealthCheck>;
  readonly routes: readonly ResolvedRoute[];
}

/** A route with its health check's defaults filled in. */
export interface ResolvedRoute extends LoadBalancerRouteProps {
  readonly healthCheck: Required<TargetHealthCheck>;
}

export function resolveLoadBalancerProps(scope: IConstruct, props: LoadBalancerProps): ResolvedLoadBalancerProps {
  const p: ResolvedLoadBalancerProps = {
    ...props,
    internal: props.internal ?? false,
    ingressCidrs: props.ingressCidrs ?? ["0.0.0.0/0"],
    idleTimeoutSeconds: props.idleTimeoutSeconds ?? 60,
    deletionProtection: props.deletionProtection ?? false,
    deregistrationDelaySeconds: props.deregistrationDelaySeconds ?? 30,
    sslPolicy: props.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06",
    healthCheck: resolveHealthCheck(props.healthCheck),
    routes: (props.routes ?? []).map((r) => ({ ...r, healthCheck: resolveHealthCheck(r.healthCheck) })),
  };
  validate(scope, p);
  return p;
}

function resolveHealthCheck(hc: TargetHealthCheck): Required<TargetHealthCheck> {
  return {
    path: hc.path,
    healthyHttpCodes: hc.healthyHttpCodes ?? "200-399",
    intervalSeconds: hc.intervalSeconds ?? 10,
    timeoutSeconds: hc.timeoutSeconds ?? 5,
    healthyThreshold: hc.healthyThreshold ?? 2,
    unhealthyThreshold: hc.unhealthyThreshold ?? 3,
  };
}

function validate(scope: IConstruct, p: ResolvedLoadBalancerProps): void {
  if (p.subnetIds.length < 2) {
    throw new ValidationError(scope, `an Application Load Balancer needs subnets in at least 2 AZs, got ${p.subnetIds.length} subnet(s): use azCount of 2 or more, or list more subnets`);
  }
  // Unknown (existing subnets): not checked.
  if ((p.subnetPrefixLength ?? 0) > ALB_SUBNET_MAX_PREFIX) {
    throw new ValidationError(
      scope,
      `the subnets are /${p.subnetPrefixLength} but an Application Load Balancer needs subnets of /${ALB_SUBNET_MAX_PREFIX} or larger (with 8 free addresses each): give it larger subnets`,
    );
  }
  checkWholeNumber(scope, "targetPort", p.targetPort, PORT);
  validateHealthCheck(scope, "healthCheck", p.healthCheck);
  checkWholeNumber(scope, "idleTimeoutSeconds", p.idleTimeoutSeconds, ALB_IDLE_TIMEOUT);
  checkWholeNumber(scope, "deregistrationDelaySeconds", p.deregistrationDelaySeconds, DEREGISTRATION_DELAY);
  p.ingressCidrs.forEach((cidr, i) => check(scope, `ingressCidrs[${i}]`, cidr, cidrProblem(cidr)));
  for (const d of duplicateIngress(p.ingressCidrs, "ingressCidrs")) check(scope, `ingressCidrs[${d.at[0]}]`, d.value, d.problem);
  if (p.accessLogsBucket !== undefined) check(scope, "accessLogsBucket", p.accessLogsBucket, bucketNameProblem(p.accessLogsBucket));
  validateRoutes(scope, p.routes);
  p.routes.forEach((r, i) => {
    checkWholeNumber(scope, `routes[${i}].targetPort`, r.targetPort, PORT);
    validateHealthCheck(scope, `routes[${i}].healthCheck`, r.healthCheck);
  });
}

function validateHealthCheck(scope: IConstruct, at: string, health: Required<TargetHealthCheck>): void {
  check(scope, `${at}.path`, health.path, patternProblem(HEALTH_CHECK_PATH, health.path));
  for (const [field, range] of Object.entries(TARGET_GROUP_HEALTH_CHECK)) {
    checkWholeNumber(scope, `${at}.${field}`, health[field as keyof typeof TARGET_GROUP_HEALTH_CHECK], range);
  }
  check(scope, `${at}.healthyHttpCodes`, health.healthyHttpCodes, patternProblem(ALB_HEALTHY_HTTP_CODES, health.healthyHttpCodes));
  if (health.timeoutSeconds >= health.intervalSeconds) {
    throw new ValidationError(scope, `${at}.timeoutSeconds (${health.timeoutSeconds}) must be less than intervalSeconds (${health.intervalSeconds})`);
  }
}
