import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { EfsStorage } from "../efs-storage";
import type { PolicyStatement } from "../iam";
import type { FargateServiceProps } from "./props";
import { resolveServiceProps } from "./resolve";
import { TaskRoles } from "./roles";
import { taskSecurityGroup } from "./security";
import { ecsService, serviceCluster } from "./service";
import { taskDefinition } from "./task-definition";

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
    const p = resolveServiceProps(this, props);

    const logGroup = new CloudwatchLogGroup(this, "logs", { name: `/berth/${p.name}`, retentionInDays: p.logRetentionDays });
    const cluster = serviceCluster(this, p, p.ecsExec ? logGroup.name : undefined);
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
          { sid: "EcsExecSessionLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [`${logGroup.arn}:*`] },
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
      ready: [...roles.permissions, ...(efs?.mountReady ?? [])],
    });

    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.securityGroupId = sg.id;
  }
}
