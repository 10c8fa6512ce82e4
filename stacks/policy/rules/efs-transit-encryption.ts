import { block, resourcesOf, type Rule } from "../types";

export const efsTransitEncryption: Rule = {
  id: "efs-transit-encryption",
  severity: "error",
  // CKV_AWS_97 UNCONFIRMED; AWS Config ecs-task-definition-efs-encryption-enabled is the same check.
  checkov: ["CKV_AWS_97"],
  securityHub: [],
  title: "ECS task definitions mount EFS volumes with in-transit encryption (TLS)",
  why: "Without TLS, file contents travel between the task and EFS in clear text; berth's EFS policy then also refuses the mount.",
  fix: 'Set transit_encryption = "ENABLED" on every efs_volume_configuration (berth\'s Fargate service does).',
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecs_task_definition").flatMap(([resource, task]) =>
      [task.volume ?? []]
        .flat()
        .map((v) => v as Record<string, unknown>)
        .filter((volume) => {
          const efs = block(volume.efs_volume_configuration);
          return efs !== undefined && efs.transit_encryption !== "ENABLED";
        })
        .map((volume) => ({ resource, message: `EFS volume ${String(volume.name)} is mounted without in-transit encryption` })),
    ),
};
