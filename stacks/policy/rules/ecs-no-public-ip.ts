import { block, resourcesOf, type Rule } from "../types";

export const ecsNoPublicIp: Rule = {
  id: "ecs-no-public-ip",
  severity: "error",
  checkov: ["CKV_AWS_333"],
  securityHub: ["ECS.2"],
  title: "ECS services do not assign public IPs to tasks",
  why: "Tasks with public IPs are reachable from the internet around the load balancer and its security group.",
  fix: "Keep assign_public_ip = false and run tasks in private subnets (berth's Fargate service always does).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecs_service")
      .filter(([, service]) => block(service.network_configuration)?.assign_public_ip === true)
      .map(([resource]) => ({ resource, message: "tasks get public IPs (assign_public_ip = true)" })),
};
