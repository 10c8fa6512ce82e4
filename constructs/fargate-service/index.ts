import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsEcsCluster } from "@cdktf/provider-aws/lib/data-aws-ecs-cluster";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { EfsStorage } from "../efs-storage";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { retentionProblem } from "../limits/logs";
import { CAPACITY_WEIGHT, DESIRED_COUNT, HEALTH_CHECK_GRACE_PERIOD, MAX_PERCENT, MIN_HEALTHY_PERCENT } from "../limits/deployment";
import { CONTAINER_CPU, CONTAINER_MEMORY_MIB, EPHEMERAL_STORAGE_GIB, STOP_TIMEOUT, fargateSizeProblem } from "../limits/fargate";
import { PORT, SECURITY_GROUP_RULE_DESCRIPTION, cidrProblem } from "../limits/network";
import { iamActionProblem, iamResourceProblem } from "../limits/iam";
import { IMAGE_REFERENCE } from "../limits/images";
import { patternProblem } from "../limits/rule";
import { duplicateEgress } from "../limits/security-groups";
import type { PolicyStatement } from "../iam";
import { ServiceAutoscaling, type ServiceAutoscalingProps } from "./autoscaling";
import { containerDefinition, containerHealthCheckProblem, type ContainerHealthCheck, type MountPoint } from "./container-definitions";
import { TaskRoles } from "./roles";

export type { ContainerHealthCheck } from "./container-definitions";

export interface AppContainerProps {
  /** Container name (the load balancer routes to it). */
  readonly name: string;
  /** Image reference; pin by digest (`repo@sha256:…`) so a deploy always means one image. */
  readonly image: string;
  readonly port: number;
  /** @default - the image's CMD */
  readonly command?: readonly string[];
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variable name → SSM parameter or Secrets Manager ARN. @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default - the image's USER */
  readonly user?: string;
  /** @default true */
  readonly readonlyRootFilesystem?: boolean;
  /** Writable scratch directories (task storage) when the root filesystem is read-only. @default ["/tmp"] */
  readonly writablePaths?: readonly string[];
  /** Seconds between SIGTERM and SIGKILL (Fargate allows up to 120). @default 30 */
  readonly stopTimeoutSeconds?: number;
  /** A health check run inside the container. @default - none (the load balancer's check applies) */
  readonly healthCheck?: ContainerHealthCheck;
}

export interface SidecarProps {
  readonly name: string;
  readonly image: string;
  /** @default false */
  readonly essential?: boolean;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly cpu?: number;
  readonly memoryMiB?: number;
  /** @default true */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * What the app container waits for. "HEALTHY" needs `healthCheck`; "COMPLETE" and "SUCCESS"
   * need a sidecar that is not essential (ECS ContainerDependency). @default "START"
   */
  readonly startCondition?: "START" | "COMPLETE" | "SUCCESS" | "HEALTHY";
  readonly healthCheck?: ContainerHealthCheck;
}

export interface EgressRuleProps {
  readonly port: number;
  readonly cidrBlocks: readonly string[];
  readonly description: string;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
}

/** What the service needs of its load balancer (see LoadBalancer). */
export interface ServiceLoadBalancer {
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  readonly targetPort: number;
  readonly listener: ITerraformDependable;
  readonly requestCountResourceLabel: string;
}

export interface FargateServiceProps {
  /** Name of the cluster (when created), service, task family, roles and log group. */
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  /** Private subnets of the tasks (no public IPs are assigned). */
  readonly subnetIds: readonly string[];
  readonly container: AppContainerProps;
  readonly loadBalancer: ServiceLoadBalancer;
  /**
   * An existing cluster to run in. The service then uses the FARGATE launch type (no capacity
   * provider strategy: berth cannot see which providers the cluster has), so `capacity.spot` must
   * be 0. @default - a cluster with Container Insights, FARGATE and FARGATE_SPOT is created
   */
  readonly clusterName?: string;
  /** Task CPU units. @default 256 */
  readonly cpu?: number;
  /** Task memory, validated against the Fargate size table. @default 512 */
  readonly memoryMiB?: number;
  /** @default "X86_64" */
  readonly architecture?: "X86_64" | "ARM64";
  /** Ephemeral storage, 21-200 GiB. @default - Fargate's 20 GiB */
  readonly ephemeralStorageGiB?: number;
  /** @default [] */
  readonly sidecars?: readonly SidecarProps[];
  /** ECR repositories the execution role may pull from. @default [] */
  readonly repositoryArns?: readonly string[];
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** @default 1 */
  readonly desiredCount?: number;
  /** @default 100 */
  readonly minHealthyPercent?: number;
  /** @default 200 */
  readonly maxPercent?: number;
  /** @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** `terraform apply` waits until the deployment is stable. @default true */
  readonly waitForSteadyState?: boolean;
  /** ECS Exec with session logging; needs a writable root filesystem. @default false */
  readonly ecsExec?: boolean;
  /**
   * Capacity provider weights on a created cluster. Spot needs X86_64 (Fargate Spot runs no ARM64
   * Linux tasks) and a created cluster. @default { fargate: 1, spot: 0 }
   */
  readonly capacity?: { readonly fargate: number; readonly spot: number };
  /** Outbound rules of the tasks. @default [HTTPS (443) to 0.0.0.0/0] */
  readonly egress?: readonly EgressRuleProps[];
  /** The app's own permissions (task role). @default [] */
  readonly taskRolePolicy?: readonly PolicyStatement[];
  /** Persistent EFS volumes mounted into the app container. @default [] */
  readonly volumes?: readonly { readonly name: string; readonly path: string; readonly uid?: number; readonly gid?: number }[];
  /** Target tracking autoscaling. @default - fixed desiredCount */
  readonly autoscaling?: Omit<ServiceAutoscalingProps, "clusterName" | "serviceName" | "requestCountResourceLabel">;
}

/**
 * An ECS Fargate service behind a load balancer: a task definition validated against the Fargate
 * size table, separate execution and task roles with exactly the permissions they need, logs with
 * retention, tasks in private subnets reachable only from the load balancer, deployments guarded
 * by the circuit breaker with rollback, optional EFS volumes and autoscaling.
 */
export class FargateService extends Construct {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const cpu = props.cpu ?? 256;
    const memoryMiB = props.memoryMiB ?? 512;
    const architecture = props.architecture ?? "X86_64";
    const sidecars = props.sidecars ?? [];
    const logRetentionDays = props.logRetentionDays ?? 30;
    const desiredCount = props.desiredCount ?? 1;
    const minHealthyPercent = props.minHealthyPercent ?? 100;
    const maxPercent = props.maxPercent ?? 200;
    const gracePeriod = props.healthCheckGracePeriodSeconds ?? 60;
    const waitForSteadyState = props.waitForSteadyState ?? true;
    const ecsExec = props.ecsExec ?? false;
    const capacity = props.capacity ?? { fargate: 1, spot: 0 };
    const egress = props.egress ?? [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs and the internet" }];
    const volumes = props.volumes ?? [];
    const c = props.container;
    const readonlyRoot = c.readonlyRootFilesystem ?? true;
    const writablePaths = readonlyRoot ? (c.writablePaths ?? ["/tmp"]) : [];
    const stopTimeoutSeconds = c.stopTimeoutSeconds ?? 30;

    this.validate({ ...props, cpu, memoryMiB, architecture, desiredCount, minHealthyPercent, maxPercent, gracePeriod, ecsExec, capacity, readonlyRoot, writablePaths, stopTimeoutSeconds, volumes, sidecars, egress });

    const logGroup = new CloudwatchLogGroup(this, "logs", { name: `/berth/${props.name}`, retentionInDays: logRetentionDays });
    const cluster = this.cluster(props.name, props.clusterName, ecsExec ? logGroup.name : undefined);

    const sg = new SecurityGroup(this, "sg", {
      name: `${props.name}-tasks`,
      description: `Tasks of ${props.name}: the app port from the load balancer only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-tasks` },
    });
    new VpcSecurityGroupIngressRule(this, "from-alb", {
      securityGroupId: sg.id,
      description: `App port ${c.port} from the load balancer`,
      ipProtocol: "tcp",
      fromPort: c.port,
      toPort: c.port,
      referencedSecurityGroupId: props.loadBalancer.securityGroupId,
    });
    new VpcSecurityGroupEgressRule(this, "alb-to-tasks", {
      securityGroupId: props.loadBalancer.securityGroupId,
      description: `To the tasks of ${props.name} on the app port ${c.port}`,
      ipProtocol: "tcp",
      fromPort: c.port,
      toPort: c.port,
      referencedSecurityGroupId: sg.id,
    });
    egress.forEach((rule, i) =>
      rule.cidrBlocks.forEach((cidr, j) => {
        new VpcSecurityGroupEgressRule(this, `egress-${i}-${j}`, {
          securityGroupId: sg.id,
          description: rule.description,
          ipProtocol: rule.protocol ?? "tcp",
          fromPort: rule.port,
          toPort: rule.port,
          cidrIpv4: cidr,
        });
      }),
    );

    const efs =
      volumes.length > 0
        ? new EfsStorage(this, "efs", { name: props.name, vpcId: props.vpcId, subnetIds: props.subnetIds, clientSecurityGroupId: sg.id, volumes })
        : undefined;
    const efsStatements: PolicyStatement[] = (efs?.volumes ?? []).map((v) => ({
      actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      resources: [v.fileSystemArn],
      conditions: { StringEquals: { "elasticfilesystem:AccessPointArn": v.accessPointArn } },
    }));
    const execStatements: PolicyStatement[] = ecsExec
      ? [
          // The SSM message channels have no resource-level permissions: "*" is the only valid resource.
          {
            sid: "EcsExecChannels",
            actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            resources: ["*"],
          },
          { sid: "EcsExecSessionLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [`${logGroup.arn}:*`] },
        ]
      : [];

    const roles = new TaskRoles(this, "roles", {
      name: props.name,
      repositoryArns: props.repositoryArns ?? [],
      logGroupArn: logGroup.arn,
      secretArns: Object.values(c.secrets ?? {}),
      taskStatements: [...(props.taskRolePolicy ?? []), ...efsStatements, ...execStatements],
    });

    const logs = { group: logGroup.name, region: props.region };
    const scratch = writablePaths.map((path, i) => ({ name: `scratch-${i}`, path }));
    const mountPoints: MountPoint[] = [
      ...scratch.map((s) => ({ sourceVolume: s.name, containerPath: s.path })),
      ...volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.path })),
    ];
    const containers = [
      containerDefinition(
        {
          name: c.name,
          image: c.image,
          essential: true,
          port: c.port,
          command: c.command,
          environment: c.environment,
          secrets: c.secrets,
          user: c.user,
          readonlyRootFilesystem: readonlyRoot,
          stopTimeoutSeconds,
          healthCheck: c.healthCheck,
          mountPoints,
          dependsOn: sidecars.map((s) => ({ containerName: s.name, condition: s.startCondition ?? "START" })),
        },
        logs,
      ),
      ...sidecars.map((s) =>
        containerDefinition(
          {
            name: s.name,
            image: s.image,
            essential: s.essential ?? false,
            command: s.command,
            environment: s.environment,
            cpu: s.cpu,
            memoryMiB: s.memoryMiB,
            readonlyRootFilesystem: s.readonlyRootFilesystem ?? true,
            healthCheck: s.healthCheck,
          },
          logs,
        ),
      ),
    ];

    const taskDefinition = new EcsTaskDefinition(this, "task", {
      family: props.name,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: String(cpu),
      memory: String(memoryMiB),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: architecture },
      ephemeralStorage: props.ephemeralStorageGiB !== undefined ? { sizeInGib: props.ephemeralStorageGiB } : undefined,
      executionRoleArn: roles.executionRoleArn,
      taskRoleArn: roles.taskRoleArn,
      containerDefinitions: JSON.stringify(containers),
      volume: [
        ...scratch.map((s) => ({ name: s.name })),
        ...(efs?.volumes ?? []).map((v) => ({
          name: v.name,
          efsVolumeConfiguration: {
            fileSystemId: v.fileSystemId,
            transitEncryption: "ENABLED",
            authorizationConfig: { accessPointId: v.accessPointId, iam: "ENABLED" },
          },
        })),
      ],
    });

    // A strategy may name only providers associated with the cluster (ECS CreateService). berth
    // associates both with a cluster it creates; an existing one may have neither, and its
    // provider set is not berth's to change: there the FARGATE launch type works on any cluster.
    const strategy = props.clusterName
      ? undefined
      : [
          { capacityProvider: "FARGATE", weight: capacity.fargate },
          { capacityProvider: "FARGATE_SPOT", weight: capacity.spot },
        ].filter((s) => s.weight > 0);
    const service = new EcsService(this, "service", {
      name: props.name,
      cluster: cluster.arn,
      taskDefinition: taskDefinition.arn,
      desiredCount,
      launchType: strategy ? undefined : "FARGATE",
      capacityProviderStrategy: strategy,
      platformVersion: "LATEST",
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: minHealthyPercent,
      deploymentMaximumPercent: maxPercent,
      healthCheckGracePeriodSeconds: gracePeriod,
      networkConfiguration: { subnets: [...props.subnetIds], securityGroups: [sg.id], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: props.loadBalancer.targetGroupArn, containerName: c.name, containerPort: c.port }],
      waitForSteadyState,
      enableExecuteCommand: ecsExec,
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      // The target group must be attached to a listener before a service can register into it.
      // The first tasks need the roles' permissions (IAM propagates after the policy is created)
      // and, with volumes, the EFS mount targets: nothing else orders them before the service.
      dependsOn: [props.loadBalancer.listener, ...cluster.dependables, ...roles.permissions, ...(efs?.mountReady ?? [])],
      // Autoscaling owns the running count once it is on.
      lifecycle: props.autoscaling ? { ignoreChanges: ["desired_count"] } : undefined,
    });

    if (props.autoscaling) {
      new ServiceAutoscaling(this, "autoscaling", {
        ...props.autoscaling,
        clusterName: cluster.name,
        serviceName: service.name,
        requestCountResourceLabel: props.loadBalancer.requestCountResourceLabel,
      });
    }

    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.securityGroupId = sg.id;
  }

  private cluster(name: string, existing: string | undefined, execLogGroup: string | undefined) {
    if (existing) {
      const found = new DataAwsEcsCluster(this, "cluster", { clusterName: existing });
      return { arn: found.arn, name: existing, dependables: [] as ITerraformDependable[] };
    }
    const cluster = new EcsCluster(this, "cluster", {
      name,
      setting: [{ name: "containerInsights", value: "enabled" }],
      configuration: execLogGroup
        ? { executeCommandConfiguration: { logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: execLogGroup } } }
        : undefined,
    });
    const providers = new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
    });
    return { arn: cluster.arn, name: cluster.name, dependables: [providers] as ITerraformDependable[] };
  }

  /** Everything AWS would reject at apply (or that would hang a deployment) that can be known now. */
  private validate(p: FargateServiceProps & {
    cpu: number;
    memoryMiB: number;
    architecture: "X86_64" | "ARM64";
    desiredCount: number;
    minHealthyPercent: number;
    maxPercent: number;
    gracePeriod: number;
    ecsExec: boolean;
    capacity: { fargate: number; spot: number };
    readonlyRoot: boolean;
    writablePaths: readonly string[];
    stopTimeoutSeconds: number;
    volumes: NonNullable<FargateServiceProps["volumes"]>;
    sidecars: readonly SidecarProps[];
    egress: readonly EgressRuleProps[];
  }): void {
    const size = fargateSizeProblem(p.cpu, p.memoryMiB);
    if (size) throw new ValidationError(this, size);
    if (p.loadBalancer.targetPort !== p.container.port) {
      throw new ValidationError(
        this,
        `the load balancer's target group sends traffic to port ${p.loadBalancer.targetPort} but the container listens on ${p.container.port}: use one port for both`,
      );
    }
    checkWholeNumber(this, "container.port", p.container.port, PORT);
    if (p.logRetentionDays !== undefined) check(this, "logRetentionDays", p.logRetentionDays, retentionProblem(p.logRetentionDays));
    checkWholeNumber(this, "desiredCount", p.desiredCount, DESIRED_COUNT);
    checkWholeNumber(this, "minHealthyPercent", p.minHealthyPercent, MIN_HEALTHY_PERCENT);
    checkWholeNumber(this, "maxPercent", p.maxPercent, MAX_PERCENT);
    checkWholeNumber(this, "healthCheckGracePeriodSeconds", p.gracePeriod, HEALTH_CHECK_GRACE_PERIOD);
    checkWholeNumber(this, "capacity.fargate", p.capacity.fargate, CAPACITY_WEIGHT);
    checkWholeNumber(this, "capacity.spot", p.capacity.spot, CAPACITY_WEIGHT);
    checkWholeNumber(this, "container.stopTimeoutSeconds", p.stopTimeoutSeconds, STOP_TIMEOUT);
    if (p.ephemeralStorageGiB !== undefined) checkWholeNumber(this, "ephemeralStorageGiB", p.ephemeralStorageGiB, EPHEMERAL_STORAGE_GIB);
    p.egress.forEach((rule, i) => {
      checkWholeNumber(this, `egress[${i}].port`, rule.port, PORT);
      rule.cidrBlocks.forEach((cidr, j) => check(this, `egress[${i}].cidrBlocks[${j}]`, cidr, cidrProblem(cidr)));
      check(this, `egress[${i}].description`, rule.description, patternProblem(SECURITY_GROUP_RULE_DESCRIPTION, rule.description));
    });
    for (const d of duplicateEgress(p.egress, "egress")) check(this, `egress[${d.at[0]}].cidrBlocks[${d.at[1]}]`, d.value, d.problem);
    (p.taskRolePolicy ?? []).forEach((s, i) => {
      s.actions.forEach((a, j) => check(this, `taskRolePolicy[${i}].actions[${j}]`, a, iamActionProblem(a)));
      s.resources.forEach((r, j) => check(this, `taskRolePolicy[${i}].resources[${j}]`, r, iamResourceProblem(r)));
    });
    // ECS keeps at least ceil(desired × min%) tasks and starts at most floor(desired × max%):
    // when neither leaves room for one task to change, a deployment never progresses.
    const floorMax = Math.floor((p.desiredCount * p.maxPercent) / 100);
    const ceilMin = Math.ceil((p.desiredCount * p.minHealthyPercent) / 100);
    if (p.desiredCount > 0 && floorMax <= p.desiredCount && ceilMin >= p.desiredCount) {
      throw new ValidationError(
        this,
        `a deployment cannot progress with desiredCount ${p.desiredCount}, minHealthyPercent ${p.minHealthyPercent} and maxPercent ${p.maxPercent}: ECS may neither start an extra task (max ${floorMax}) nor stop one (min ${ceilMin}); raise maxPercent (e.g. 200) or lower minHealthyPercent`,
      );
    }
    if (p.capacity.fargate + p.capacity.spot === 0) {
      throw new ValidationError(this, "capacity weights are both 0: give FARGATE or FARGATE_SPOT a weight of at least 1");
    }
    if (p.capacity.spot > 0 && p.architecture === "ARM64") {
      throw new ValidationError(
        this,
        `capacity.spot is ${p.capacity.spot} but the architecture is ARM64: Fargate Spot does not run ARM64 Linux tasks; set capacity.spot to 0, or run X86_64`,
      );
    }
    if (p.capacity.spot > 0 && p.clusterName !== undefined) {
      throw new ValidationError(
        this,
        `capacity.spot is ${p.capacity.spot} but clusterName names an existing cluster ("${p.clusterName}"): a service may use FARGATE_SPOT only where the cluster has it as a capacity provider, which cannot be checked here; leave clusterName out so that a cluster with FARGATE_SPOT is created, or set capacity.spot to 0`,
      );
    }
    if (p.ecsExec && p.readonlyRoot) {
      throw new ValidationError(this, "ecsExec needs a writable root filesystem (the SSM agent writes to it): set readonlyRootFilesystem to false, or turn ecsExec off");
    }
    if (p.subnetIds.length === 0) throw new ValidationError(this, "subnetIds must name at least one private subnet, got none");
    const paths = [...p.writablePaths, ...p.volumes.map((v) => v.path)];
    const repeated = paths.find((path, i) => paths.indexOf(path) !== i);
    if (repeated) throw new ValidationError(this, `two mounts share the path ${JSON.stringify(repeated)}: writablePaths and volume paths must differ`);
    const notAbsolute = paths.find((path) => !path.startsWith("/"));
    if (notAbsolute) throw new ValidationError(this, `mount paths must be absolute, got ${JSON.stringify(notAbsolute)}`);
    const healthCheckProblem = p.container.healthCheck && containerHealthCheckProblem("container.healthCheck", p.container.healthCheck);
    if (healthCheckProblem) throw new ValidationError(this, healthCheckProblem);
    for (const [i, s] of p.sidecars.entries()) {
      check(this, `sidecars[${i}].image`, s.image, patternProblem(IMAGE_REFERENCE, s.image));
      if (s.cpu !== undefined) checkWholeNumber(this, `sidecars[${i}].cpu`, s.cpu, CONTAINER_CPU);
      if (s.memoryMiB !== undefined) checkWholeNumber(this, `sidecars[${i}].memoryMiB`, s.memoryMiB, CONTAINER_MEMORY_MIB);
      if (s.startCondition === "HEALTHY" && !s.healthCheck) {
        throw new ValidationError(this, `sidecar "${s.name}" has startCondition HEALTHY but no healthCheck: give it one, or use START`);
      }
      if ((s.startCondition === "COMPLETE" || s.startCondition === "SUCCESS") && s.essential === true) {
        throw new ValidationError(
          this,
          `sidecar "${s.name}" is essential with startCondition ${s.startCondition}: ECS does not allow COMPLETE or SUCCESS on an essential container; set essential to false, or use START or HEALTHY`,
        );
      }
      const sidecarProblem = s.healthCheck && containerHealthCheckProblem(`sidecars[${i}].healthCheck`, s.healthCheck);
      if (sidecarProblem) throw new ValidationError(this, sidecarProblem);
    }
  }
}
