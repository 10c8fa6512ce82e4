import { block, resourcesOf, type Rule } from "../types";

export const ecsNoPublicIp: Rule = {
  id: "ecs-no-public-ip",
  checks: ["CKV_AWS_333", "Security Hub ECS.2"],
  description: "ECS services do not assign public IPs to tasks",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecs_service")
      .filter(([, service]) => block(service.network_configuration)?.assign_public_ip === true)
      .map(([resource]) => ({ rule: "ecs-no-public-ip", resource, message: "tasks get public IPs (assign_public_ip = true)" })),
};
