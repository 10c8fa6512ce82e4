import { resourcesOf, type Rule } from "../types";

export const separateTaskRoles: Rule = {
  id: "separate-task-roles",
  severity: "warning",
  checkov: ["CKV_AWS_249"],
  securityHub: [],
  title: "ECS task definitions use different execution and task roles",
  why: "One role for pulling images and for the app gives the app the execution role's rights (ECR, secrets, logs).",
  fix: "Give the task definition distinct task_role_arn and execution_role_arn (berth's Fargate service does).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecs_task_definition")
      .filter(([, task]) => !task.task_role_arn || !task.execution_role_arn || task.task_role_arn === task.execution_role_arn)
      .map(([resource]) => ({ resource, message: "the task and execution roles are missing or the same role" })),
};
