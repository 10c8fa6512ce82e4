import { block, resourcesOf, type Rule } from "../types";

export const imdsv2Required: Rule = {
  id: "imdsv2-required",
  severity: "error",
  checkov: ["CKV_AWS_79"],
  securityHub: ["EC2.8"],
  title: "EC2 instances and launch templates require IMDSv2 tokens",
  why: "IMDSv1 lets SSRF bugs in the app read the instance role's credentials.",
  fix: "Set metadata_options.http_tokens = \"required\" (berth's EC2 host does).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_instance", "aws_launch_template")
      .filter(([, instance]) => block(instance.metadata_options)?.http_tokens !== "required")
      .map(([resource]) => ({ resource, message: "IMDSv1 is allowed: set metadata_options.http_tokens = \"required\"" })),
};
