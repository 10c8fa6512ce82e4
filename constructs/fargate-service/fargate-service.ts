import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { dependable } from "cdktf";
import { Construct } from "constructs";
import { EfsStorage } from "../efs-storage";
import { ValidationError } from "../errors";
import type { PolicyStatement } from "../iam";
import type { FargateServiceProps, ServiceCluster } from "./props";
import { resolveServiceProps } from "./resolve";
import { TaskRoles } from "./roles";
import { taskSecurityGroup } from "./security";
import { ecsService, serviceCluster } from "./service";
import { taskDefinition } from "./task-definition";

/**
 * An ECS Fargate service, behind a load balancer or reached only by the app's other services: a
 * task definition validated against the Fargate size table, separate execution and task roles with
 * exactly the permissions they need, logs with retention, tasks in private subnets reachable only
 * from the load balancer and the services allowed in, deployments guarded by the circuit breaker
 * with rollback, optional EFS volumes, Service Connect and autoscaling.
 */
export class FargateService extends Construct {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly securityGroupId: string;
  /** The cluster it runs in: give it to the app's other services (`cluster`). */
  readonly cluster: ServiceCluster;
  /** The port its container listens on; none for a worker. */
  readonly port?: number;
  private readonly service: EcsService;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const p = resolveServiceProps(this, props);

    const logGroup = new CloudwatchLogGroup(this, "logs", { name: `/berth/${p.name}`, retentionInDays: p.logRetentionDays });
    const cluster = serviceCluster(this, p, p.ecsExec ? { name: logGroup.name, arn: logGroup.arn } : undefined);
    const sg = taskSecurityGroup(this, p);

    const efs =
      p.volumes.length > 0
        ? new EfsStorage(this, "efs", { name: p.name, vpcId: p.vpcId, subnetIds: p.subnetIds, clientSecurityGroupId: sg.id, volumes: p.volumes })
        : undefined;
    const efsStatements: PolicyStatement[] = (efs?.volumes ?? []).map((v) => ({
      actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      resources: [v.fileSystemArn],
      conditions: { StringEquals: { "elasticfilesystem:AccessPointArn": v.accessPointArn } },
    }));
    const execStatements: PolicyStatement[] = p.ecsExec
      ? [
          // The SSM message channels have no resource-level permissions: "*" is the only valid resource.
          {
            sid: "EcsExecChannels",
            actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            resources: ["*"],
          },
          // Sessions log where the cluster says: a shared cluster's group, else the service's own.
          { sid: "EcsExecSessionLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [`${cluster.execLogGroup?.arn ?? logGroup.arn}:*`] },
        ]
      : [];
    const roles = new TaskRoles(this, "roles", {
      name: p.name,
      repositoryArns: p.repositoryArns,
      logGroupArn: logGroup.arn,
      secretArns: Object.values(p.container.secrets ?? {}),
      taskStatements: [...(p.taskRolePolicy ?? []), ...efsStatements, ...execStatements],
    });

    const task = taskDefinition(this, p, logGroup, roles, efs);
    const service = ecsService(this, p, {
      cluster,
      taskDefinitionArn: task.arn,
      securityGroupId: sg.id,
      ready: efs ? [...roles.permissions, ...efs.mountReady] : roles.permissions,
      logGroupName: logGroup.name,
    });

    this.cluster = cluster;
    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.securityGroupId = sg.id;
    this.port = p.port;
    this.service = service;
  }

  /**
   * Lets `client`'s tasks reach this service's port (an ingress rule here, an egress rule there):
   * the app's services reach each other only where allowed.
   */
  allowFrom(client: FargateService): void {
    const port = this.port;
    if (port === undefined) {
      throw new ValidationError(this, `${client.node.path} cannot be allowed in: this service listens on no port (give container.port, or a load balancer)`);
    }
    new VpcSecurityGroupIngressRule(this, `from-${client.node.id}`, {
      securityGroupId: this.securityGroupId,
      description: `Port ${port} from the service ${client.node.id}`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: client.securityGroupId,
    });
    new VpcSecurityGroupEgressRule(client, `to-${this.node.id}`, {
      securityGroupId: client.securityGroupId,
      description: `To the service ${this.node.id} on port ${port}`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: this.securityGroupId,
    });
  }

  /**
   * Creates this service after `other` is created (and, with waitForSteadyState, stable): a Service
   * Connect client resolves only the endpoints that existed when its tasks started.
   */
  startAfter(other: FargateService): void {
    // ecsService always gives the service a dependsOn (its cluster's and roles' resources).
    this.service.dependsOn = [...(this.service.dependsOn as string[]), dependable(other.service)];
  }
}
