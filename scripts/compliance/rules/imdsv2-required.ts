import { block, resourcesOf, type Rule } from "../types";

export const imdsv2Required: Rule = {
  id: "imdsv2-required",
  checks: ["CKV_AWS_79", "Security Hub EC2.8"],
  description: "EC2 instances and launch templates require IMDSv2 tokens",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_instance", "aws_launch_template")
      .filter(([, instance]) => block(instance.metadata_options)?.http_tokens !== "required")
      .map(([resource]) => ({ rule: "imdsv2-required", resource, message: "IMDSv1 is allowed: set metadata_options.http_tokens = \"required\"" })),
};
