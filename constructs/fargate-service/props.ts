import type { ITerraformDependable } from "cdktf";
import type { PolicyStatement } from "../iam";
import type { LoadBalancerTarget } from "../load-balancer/props";
import type { ServiceAutoscalingProps } from "./autoscaling";
import type { ContainerHealthCheck } from "../limits/health-check";

/**
 * The app container. Behind a load balancer it listens on the load balancer's `targetPort` (the
 * port is given once, there); without one, on `port` when other services reach it.
 */
export interface AppContainerProps {
  /** Container name (the load balancer routes to it). */
  readonly name: string;
  /** Image reference; pin by digest (`repo@sha256:…`) so a deploy always means one image. */
  readonly image: string;
  /** @default - the image's CMD */
  readonly command?: readonly string[];
  /** Overrides the image's ENTRYPOINT; the image's CMD is then not used. @default - the image's ENTRYPOINT */
  readonly entrypoint?: readonly string[];
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
  /**
   * The port it listens on when there is no load balancer: other services of the app reach it there
   * (`serviceConnect`, `allowFrom`). With a load balancer, leave it out: the target port is the port.
   * @default - the load balancer's target port; without one, none (a worker)
   */
  readonly port?: number;
}

export interface SidecarProps {
  /** Container name, unique in the task. */
  readonly name: string;
  /** Image reference (with a tag or digest). */
  readonly image: string;
  /** @default false */
  readonly essential?: boolean;
  /** @default - the image's CMD */
  readonly command?: readonly string[];
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** CPU units reserved for the sidecar. @default - none reserved (shares the task's) */
  readonly cpu?: number;
  /** Hard memory limit. @default - none (the task's memory) */
  readonly memoryMiB?: number;
  /** @default true */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * What the app container waits for. "HEALTHY" needs `healthCheck`; "COMPLETE" and "SUCCESS"
   * need a sidecar that is not essential (ECS ContainerDependency). @default "START"
   */
  readonly startCondition?: "START" | "COMPLETE" | "SUCCESS" | "HEALTHY";
  /** @default - none */
  readonly healthCheck?: ContainerHealthCheck;
}

export interface EgressRuleProps {
  /** Destination port. */
  readonly port: number;
  /** Destination CIDRs (one rule each). */
  readonly cidrBlocks: readonly string[];
  /** Rule description (AWS's allowed characters). */
  readonly description: string;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
}

/** A persistent EFS volume mounted into the app container. */
export interface ServiceVolumeProps {
  /** Volume name, unique. */
  readonly name: string;
  /** Absolute mount path in the container. */
  readonly path: string;
  /** Owner uid of the access point's root directory. @default 1000 */
  readonly uid?: number;
  /** Owner gid of the access point's root directory. @default 1000 */
  readonly gid?: number;
}

/** The cluster a service runs in: created by the first FargateService of an app, shared by the others (`FargateService.cluster`). */
export interface ServiceCluster {
  readonly arn: string;
  readonly name: string;
  /** What a service must wait for (the capacity providers of a created cluster). */
  readonly dependables: readonly ITerraformDependable[];
  /** Whether the cluster is an existing one: its capacity providers are unknown, so services use the FARGATE launch type. */
  readonly existing: boolean;
  /** The log group the cluster writes ECS Exec sessions to, when it was created with one. */
  readonly execLogGroup?: { readonly name: string; readonly arn: string };
}

/** What the service needs of its load balancer (see LoadBalancer). */
export interface ServiceLoadBalancer {
  readonly securityGroupId: string;
  readonly targetGroupArn: string;
  /** The port of the target group: the app container listens on it. */
  readonly targetPort: number;
  readonly listener: ITerraformDependable;
  readonly requestCountResourceLabel: string;
  /** Lets the load balancer reach the tasks' security group on the port (LoadBalancer.allowTo). */
  allowTo(target: LoadBalancerTarget, port: number): void;
}

export interface FargateServiceProps {
  /** Name of the cluster (when created), service, task family, roles and log group. */
  readonly name: string;
  /** Region of the log group (the awslogs driver needs it). */
  readonly region: string;
  /** VPC of the tasks' security group (and EFS). */
  readonly vpcId: string;
  /** Private subnets of the tasks (no public IPs are assigned). */
  readonly subnetIds: readonly string[];
  /** The app container. */
  readonly container: AppContainerProps;
  /**
   * The load balancer in front: it gives the container's port and lets the tasks be reached.
   * @default - none: a service only the app's other services reach (`container.port`), or a worker
   */
  readonly loadBalancer?: ServiceLoadBalancer;
  /**
   * The cluster of another service of the app (its `cluster`), instead of `clusterName` or a new one.
   * @default - `clusterName`'s cluster, or a new one
   */
  readonly cluster?: ServiceCluster;
  /**
   * ECS Service Connect in this Cloud Map namespace (ServiceNamespace): the service reaches the
   * namespace's other services by name, and, when it has a port, they reach it by its container's
   * name on that port. @default - off: no service reaches another by name
   */
  readonly serviceConnect?: { readonly namespaceArn: string };
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
  readonly volumes?: readonly ServiceVolumeProps[];
  /** Target tracking autoscaling. @default - fixed desiredCount */
  readonly autoscaling?: Omit<ServiceAutoscalingProps, "clusterName" | "serviceName" | "requestCountResourceLabel">;
}
