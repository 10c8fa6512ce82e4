import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import type { Construct } from "constructs";
import type { EfsStorage } from "../efs-storage";
import { containerDefinition, type MountPoint } from "./container-definitions";
import type { ResolvedServiceProps } from "./resolve";
import type { TaskRoles } from "./roles";

/** The task definition (created in `scope`, the FargateService): the app container, its sidecars, scratch and EFS volumes. */
export function taskDefinition(scope: Construct, p: ResolvedServiceProps, logGroup: CloudwatchLogGroup, roles: TaskRoles, efs: EfsStorage | undefined): EcsTaskDefinition {
  const c = p.container;
  const logs = { group: logGroup.name, region: p.region };
  const scratch = p.writablePaths.map((path, i) => ({ name: `scratch-${i}`, path }));
  const mountPoints: MountPoint[] = [
    ...scratch.map((s) => ({ sourceVolume: s.name, containerPath: s.path })),
    ...p.volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.path })),
  ];
  const containers = [
    containerDefinition(
      {
        name: c.name,
        image: c.image,
        essential: true,
        port: p.port,
        // Service Connect names the port it serves after the container (service.ts).
        portName: p.serviceConnect ? c.name : undefined,
        command: c.command,
        entrypoint: c.entrypoint,
        environment: c.environment,
        secrets: c.secrets,
        user: c.user,
        readonlyRootFilesystem: p.readonlyRootFilesystem,
        stopTimeoutSeconds: p.stopTimeoutSeconds,
        healthCheck: c.healthCheck,
        mountPoints,
        dependsOn: p.sidecars.map((s) => ({ containerName: s.name, condition: s.startCondition ?? "START" })),
      },
      logs,
    ),
    ...p.sidecars.map((s) =>
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

  return new EcsTaskDefinition(scope, "task", {
    family: p.name,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: String(p.cpu),
    memory: String(p.memoryMiB),
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: p.architecture },
    ephemeralStorage: p.ephemeralStorageGiB !== undefined ? { sizeInGib: p.ephemeralStorageGiB } : undefined,
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
}
