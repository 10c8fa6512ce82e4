import type { IConstruct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { IMAGE_REFERENCE } from "../limits/images";
import { iamActionProblem, iamResourceProblem } from "../limits/iam";
import { retentionProblem } from "../limits/logs";
import { CAPACITY_WEIGHT, DESIRED_COUNT, HEALTH_CHECK_GRACE_PERIOD, MAX_PERCENT, MIN_HEALTHY_PERCENT, deploymentDeadlock } from "../limits/deployment";
import { containerHealthCheckProblem } from "../limits/health-check";
import { CONTAINER_CPU, CONTAINER_MEMORY_MIB, EPHEMERAL_STORAGE_GIB, STOP_TIMEOUT, fargateSizeProblem } from "../limits/fargate";
import { PORT, SECURITY_GROUP_RULE_DESCRIPTION, cidrProblem } from "../limits/network";
import { patternProblem } from "../limits/rule";
import { duplicateEgress } from "../limits/security-groups";
import type { EgressRuleProps, FargateServiceProps, ServiceVolumeProps, SidecarProps } from "./props";

/** FargateServiceProps with every default filled in, validated. */
export interface ResolvedServiceProps extends FargateServiceProps {
  /** The app container's port: the load balancer's target port, or `container.port`; none for a worker. */
  readonly port?: number;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly architecture: "X86_64" | "ARM64";
  readonly sidecars: readonly SidecarProps[];
  readonly repositoryArns: readonly string[];
  readonly logRetentionDays: number;
  readonly desiredCount: number;
  readonly minHealthyPercent: number;
  readonly maxPercent: number;
  readonly healthCheckGracePeriodSeconds: number;
  readonly waitForSteadyState: boolean;
  readonly ecsExec: boolean;
  readonly capacity: { readonly fargate: number; readonly spot: number };
  readonly egress: readonly EgressRuleProps[];
  readonly volumes: readonly ServiceVolumeProps[];
  readonly readonlyRootFilesystem: boolean;
  /** Scratch directories: none with a writable root filesystem. */
  readonly writablePaths: readonly string[];
  readonly stopTimeoutSeconds: number;
}

export function resolveServiceProps(scope: IConstruct, props: FargateServiceProps): ResolvedServiceProps {
  const c = props.container;
  const readonlyRootFilesystem = c.readonlyRootFilesystem ?? true;
  const p: ResolvedServiceProps = {
    ...props,
    port: props.loadBalancer?.targetPort ?? c.port,
    cpu: props.cpu ?? 256,
    memoryMiB: props.memoryMiB ?? 512,
    architecture: props.architecture ?? "X86_64",
    sidecars: props.sidecars ?? [],
    repositoryArns: props.repositoryArns ?? [],
    logRetentionDays: props.logRetentionDays ?? 30,
    desiredCount: props.desiredCount ?? 1,
    minHealthyPercent: props.minHealthyPercent ?? 100,
    maxPercent: props.maxPercent ?? 200,
    healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
    waitForSteadyState: props.waitForSteadyState ?? true,
    ecsExec: props.ecsExec ?? false,
    capacity: props.capacity ?? { fargate: 1, spot: 0 },
    egress: props.egress ?? [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs and the internet" }],
    volumes: props.volumes ?? [],
    readonlyRootFilesystem,
    writablePaths: readonlyRootFilesystem ? (c.writablePaths ?? ["/tmp"]) : [],
    stopTimeoutSeconds: c.stopTimeoutSeconds ?? 30,
  };
  validate(scope, props, p);
  return p;
}

/** Everything AWS would reject at apply (or that would hang a deployment) that can be known now. */
function validate(scope: IConstruct, props: FargateServiceProps, p: ResolvedServiceProps): void {
  const size = fargateSizeProblem(p.cpu, p.memoryMiB);
  if (size) throw new ValidationError(scope, size);
  if (props.logRetentionDays !== undefined) check(scope, "logRetentionDays", props.logRetentionDays, retentionProblem(props.logRetentionDays));
  checkWholeNumber(scope, "desiredCount", p.desiredCount, DESIRED_COUNT);
  checkWholeNumber(scope, "minHealthyPercent", p.minHealthyPercent, MIN_HEALTHY_PERCENT);
  checkWholeNumber(scope, "maxPercent", p.maxPercent, MAX_PERCENT);
  checkWholeNumber(scope, "healthCheckGracePeriodSeconds", p.healthCheckGracePeriodSeconds, HEALTH_CHECK_GRACE_PERIOD);
  checkWholeNumber(scope, "capacity.fargate", p.capacity.fargate, CAPACITY_WEIGHT);
  checkWholeNumber(scope, "capacity.spot", p.capacity.spot, CAPACITY_WEIGHT);
  checkWholeNumber(scope, "container.stopTimeoutSeconds", p.stopTimeoutSeconds, STOP_TIMEOUT);
  if (p.ephemeralStorageGiB !== undefined) checkWholeNumber(scope, "ephemeralStorageGiB", p.ephemeralStorageGiB, EPHEMERAL_STORAGE_GIB);
  p.egress.forEach((rule, i) => {
    checkWholeNumber(scope, `egress[${i}].port`, rule.port, PORT);
    rule.cidrBlocks.forEach((cidr, j) => check(scope, `egress[${i}].cidrBlocks[${j}]`, cidr, cidrProblem(cidr)));
    check(scope, `egress[${i}].description`, rule.description, patternProblem(SECURITY_GROUP_RULE_DESCRIPTION, rule.description));
  });
  for (const d of duplicateEgress(p.egress, "egress")) check(scope, `egress[${d.at[0]}].cidrBlocks[${d.at[1]}]`, d.value, d.problem);
  (p.taskRolePolicy ?? []).forEach((s, i) => {
    s.actions.forEach((a, j) => check(scope, `taskRolePolicy[${i}].actions[${j}]`, a, iamActionProblem(a)));
    s.resources.forEach((r, j) => check(scope, `taskRolePolicy[${i}].resources[${j}]`, r, iamResourceProblem(r)));
  });
  const deadlock = deploymentDeadlock(p.desiredCount, p.minHealthyPercent, p.maxPercent);
  if (deadlock) {
    throw new ValidationError(
      scope,
      `a deployment cannot progress with desiredCount ${p.desiredCount}, minHealthyPercent ${p.minHealthyPercent} and maxPercent ${p.maxPercent}: ECS may neither start an extra task (max ${deadlock.atMost}) nor stop one (min ${deadlock.atLeast}); raise maxPercent (e.g. 200) or lower minHealthyPercent`,
    );
  }
  if (p.capacity.fargate + p.capacity.spot === 0) {
    throw new ValidationError(scope, "capacity weights are both 0: give FARGATE or FARGATE_SPOT a weight of at least 1");
  }
  if (p.capacity.spot > 0 && p.architecture === "ARM64") {
    throw new ValidationError(
      scope,
      `capacity.spot is ${p.capacity.spot} but the architecture is ARM64: Fargate Spot does not run ARM64 Linux tasks; set capacity.spot to 0, or run X86_64`,
    );
  }
  if (p.capacity.spot > 0 && p.clusterName !== undefined) {
    throw new ValidationError(
      scope,
      `capacity.spot is ${p.capacity.spot} but clusterName names an existing cluster ("${p.clusterName}"): a service may use FARGATE_SPOT only where the cluster has it as a capacity provider, which cannot be checked here; leave clusterName out so that a cluster with FARGATE_SPOT is created, or set capacity.spot to 0`,
    );
  }
  if (p.capacity.spot > 0 && p.cluster?.existing) {
    throw new ValidationError(
      scope,
      `capacity.spot is ${p.capacity.spot} but the cluster given is an existing one: a service may use FARGATE_SPOT only where the cluster has it as a capacity provider, which cannot be checked here; set capacity.spot to 0, or share a cluster berth creates`,
    );
  }
  if (p.cluster && p.clusterName !== undefined) {
    throw new ValidationError(scope, `cluster and clusterName ("${p.clusterName}") are both given: a service runs in one cluster; give one of them`);
  }
  if (p.container.port !== undefined) checkWholeNumber(scope, "container.port", p.container.port, PORT);
  if (p.loadBalancer && p.container.port !== undefined && p.container.port !== p.loadBalancer.targetPort) {
    throw new ValidationError(
      scope,
      `container.port is ${p.container.port} but the load balancer's targetPort is ${p.loadBalancer.targetPort}: behind a load balancer the container listens on its target port; leave container.port out`,
    );
  }
  if (!p.loadBalancer && p.autoscaling?.requestsPerTarget !== undefined) {
    throw new ValidationError(scope, `autoscaling.requestsPerTarget is ${p.autoscaling.requestsPerTarget} but the service has no load balancer to count requests: track cpuPercent or memoryPercent instead`);
  }
  if (p.ecsExec && p.readonlyRootFilesystem) {
    throw new ValidationError(scope, "ecsExec needs a writable root filesystem (the SSM agent writes to it): set readonlyRootFilesystem to false, or turn ecsExec off");
  }
  if (p.subnetIds.length === 0) throw new ValidationError(scope, "subnetIds must name at least one private subnet, got none");
  const paths = [...p.writablePaths, ...p.volumes.map((v) => v.path)];
  const repeated = paths.find((path, i) => paths.indexOf(path) !== i);
  if (repeated) throw new ValidationError(scope, `two mounts share the path ${JSON.stringify(repeated)}: writablePaths and volume paths must differ`);
  const mounts = [
    ...p.writablePaths.map((path, i) => [`container.writablePaths[${i}]`, path, "/tmp"] as const),
    ...p.volumes.map((v, i) => [`volumes[${i}].path`, v.path, "/data"] as const),
  ];
  const notAbsolute = mounts.find(([, path]) => !path.startsWith("/"));
  if (notAbsolute) {
    const [prop, path, example] = notAbsolute;
    throw new ValidationError(scope, `${prop} must be an absolute path inside the container (starting with "/"), got ${JSON.stringify(path)}: write it from the container's root, e.g. "${example}"`);
  }
  const healthCheckProblem = p.container.healthCheck && containerHealthCheckProblem("container.healthCheck", p.container.healthCheck);
  if (healthCheckProblem) throw new ValidationError(scope, healthCheckProblem);
  for (const [i, s] of p.sidecars.entries()) {
    check(scope, `sidecars[${i}].image`, s.image, patternProblem(IMAGE_REFERENCE, s.image));
    if (s.cpu !== undefined) checkWholeNumber(scope, `sidecars[${i}].cpu`, s.cpu, CONTAINER_CPU);
    if (s.memoryMiB !== undefined) checkWholeNumber(scope, `sidecars[${i}].memoryMiB`, s.memoryMiB, CONTAINER_MEMORY_MIB);
    if (s.startCondition === "HEALTHY" && !s.healthCheck) {
      throw new ValidationError(scope, `sidecar "${s.name}" has startCondition HEALTHY but no healthCheck: give it one, or use START`);
    }
    if ((s.startCondition === "COMPLETE" || s.startCondition === "SUCCESS") && s.essential === true) {
      throw new ValidationError(
        scope,
        `sidecar "${s.name}" is essential with startCondition ${s.startCondition}: ECS does not allow COMPLETE or SUCCESS on an essential container; set essential to false, or use START or HEALTHY`,
      );
    }
    const sidecarProblem = s.healthCheck && containerHealthCheckProblem(`sidecars[${i}].healthCheck`, s.healthCheck);
    if (sidecarProblem) throw new ValidationError(scope, sidecarProblem);
  }
}
