import { DataAwsEcsCluster } from "@cdktf/provider-aws/lib/data-aws-ecs-cluster";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsService, type EcsServiceServiceConnectConfiguration } from "@cdktf/provider-aws/lib/ecs-service";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { ServiceAutoscaling } from "./autoscaling";
import type { ServiceCluster } from "./props";
import type { ResolvedServiceProps } from "./resolve";

/** The cluster given, the existing cluster named by `clusterName`, or a new one with Container Insights, FARGATE and FARGATE_SPOT (created in `scope`). */
export function serviceCluster(scope: Construct, p: ResolvedServiceProps, execLogGroup: { readonly name: string; readonly arn: string } | undefined): ServiceCluster {
  if (p.cluster) return p.cluster;
  if (p.clusterName) {
    const found = new DataAwsEcsCluster(scope, "cluster", { clusterName: p.clusterName });
    return { arn: found.arn, name: p.clusterName, dependables: [], existing: true };
  }
  const cluster = new EcsCluster(scope, "cluster", {
    name: p.name,
    setting: [{ name: "containerInsights", value: "enabled" }],
    configuration: execLogGroup
      ? { executeCommandConfiguration: { logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: execLogGroup.name } } }
      : undefined,
  });
  const providers = new EcsClusterCapacityProviders(scope, "capacity-providers", {
    clusterName: cluster.name,
    capacityProviders: ["FARGATE", "FARGATE_SPOT"],
  });
  return { arn: cluster.arn, name: cluster.name, dependables: [providers], existing: false, execLogGroup };
}

/** What the ECS service runs and waits for. */
export interface ServiceParts {
  readonly cluster: ServiceCluster;
  readonly taskDefinitionArn: string;
  readonly securityGroupId: string;
  /** Resources the first tasks need before the service starts them (IAM permissions, EFS mount targets). */
  readonly ready: readonly ITerraformDependable[];
  /** Where the Service Connect proxy logs (the service's own group). */
  readonly logGroupName: string;
}

/** The ECS service (behind the load balancer, when there is one), and its autoscaling when asked (created in `scope`). */
export function ecsService(scope: Construct, p: ResolvedServiceProps, parts: ServiceParts): EcsService {
  // A strategy may name only providers associated with the cluster (ECS CreateService). berth
  // associates both with a cluster it creates; an existing one may have neither, and its
  // provider set is not berth's to change: there the FARGATE launch type works on any cluster.
  const strategy = parts.cluster.existing
    ? undefined
    : [
        { capacityProvider: "FARGATE", weight: p.capacity.fargate },
        { capacityProvider: "FARGATE_SPOT", weight: p.capacity.spot },
      ].filter((s) => s.weight > 0);
  const waitsFor = [...parts.cluster.dependables, ...parts.ready];
  const service = new EcsService(scope, "service", {
    name: p.name,
    cluster: parts.cluster.arn,
    taskDefinition: parts.taskDefinitionArn,
    desiredCount: p.desiredCount,
    launchType: strategy ? undefined : "FARGATE",
    capacityProviderStrategy: strategy,
    platformVersion: "LATEST",
    deploymentCircuitBreaker: { enable: true, rollback: true },
    deploymentMinimumHealthyPercent: p.minHealthyPercent,
    deploymentMaximumPercent: p.maxPercent,
    // ECS takes a grace period only for a service with a load balancer (CreateService).
    healthCheckGracePeriodSeconds: p.loadBalancer ? p.healthCheckGracePeriodSeconds : undefined,
    networkConfiguration: { subnets: [...p.subnetIds], securityGroups: [parts.securityGroupId], assignPublicIp: false },
    loadBalancer: p.loadBalancer ? [{ targetGroupArn: p.loadBalancer.targetGroupArn, containerName: p.container.name, containerPort: p.loadBalancer.targetPort }] : undefined,
    serviceConnectConfiguration: p.serviceConnect && serviceConnect(p, p.serviceConnect.namespaceArn, parts.logGroupName),
    waitForSteadyState: p.waitForSteadyState,
    enableExecuteCommand: p.ecsExec,
    propagateTags: "SERVICE",
    enableEcsManagedTags: true,
    // The target group must be attached to a listener before a service can register into it.
    // The first tasks need the roles' permissions (IAM propagates after the policy is created)
    // and, with volumes, the EFS mount targets: nothing else orders them before the service.
    dependsOn: p.loadBalancer ? [p.loadBalancer.listener, ...waitsFor] : waitsFor,
    // Autoscaling owns the running count once it is on.
    lifecycle: p.autoscaling ? { ignoreChanges: ["desired_count"] } : undefined,
  });

  if (p.autoscaling) {
    new ServiceAutoscaling(scope, "autoscaling", {
      ...p.autoscaling,
      clusterName: parts.cluster.name,
      serviceName: service.name,
      requestCountResourceLabel: p.loadBalancer?.requestCountResourceLabel,
    });
  }
  return service;
}

/**
 * Service Connect: every service is a client of the namespace; one with a port also serves it, by its
 * container's name on that port (plain TCP: no appProtocol, so a database's port works too). Its
 * proxy logs to the service's group, under service-connect/.
 */
function serviceConnect(p: ResolvedServiceProps, namespaceArn: string, logGroupName: string): EcsServiceServiceConnectConfiguration {
  const name = p.container.name;
  return {
    enabled: true,
    namespace: namespaceArn,
    service: p.port !== undefined ? [{ portName: name, discoveryName: name, clientAlias: { port: p.port, dnsName: name } }] : undefined,
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroupName, "awslogs-region": p.region, "awslogs-stream-prefix": "service-connect" } },
  };
}
