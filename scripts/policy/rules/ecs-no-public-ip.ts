import { block, resourcesOf, type Rule } from "../types";

export const ecsNoPublicIp: Rule = {
  id: "ecs-no-public-ip",
  severity: "error",
  checkov: ["CKV_AWS_333"],
  securityHub: ["ECS.2"],
  title: "ECS services do not assign public IPs to tasks",
  why: "Tasks with public IPs are reachable from the internet around the load balancer and its security group.",
  fix: "Run tasks in private subnets with assign_public_ip = false (the default unless network.natGateways is \"none\" without vpcEndpoints).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecs_service")
      .filter(([, service]) => block(service.network_configuration)?.assign_public_ip === true)
      .map(([resource]) => ({ resource, message: "tasks get public IPs (assign_public_ip = true)" })),
};
