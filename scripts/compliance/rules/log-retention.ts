import { resourcesOf, type Rule } from "../types";

export const logRetention: Rule = {
  id: "log-retention",
  checks: ["CKV_AWS_66"],
  description: "CloudWatch log groups set a retention",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_cloudwatch_log_group")
      .filter(([, group]) => !(typeof group.retention_in_days === "number" && group.retention_in_days > 0))
      .map(([resource]) => ({ rule: "log-retention", resource, message: "keeps logs forever (no retention_in_days)" })),
};
