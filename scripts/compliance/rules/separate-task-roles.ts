import { resourcesOf, type Rule } from "../types";

export const separateTaskRoles: Rule = {
  id: "separate-task-roles",
  checks: ["CKV_AWS_249"],
  description: "ECS task definitions use different execution and task roles",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecs_task_definition")
      .filter(([, task]) => !task.task_role_arn || !task.execution_role_arn || task.task_role_arn === task.execution_role_arn)
      .map(([resource]) => ({ rule: "separate-task-roles", resource, message: "the task and execution roles are missing or the same role" })),
};
