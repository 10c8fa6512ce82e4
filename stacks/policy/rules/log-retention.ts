import { resourcesOf, type Rule } from "../types";

export const logRetention: Rule = {
  id: "log-retention",
  severity: "warning",
  checkov: ["CKV_AWS_66"],
  securityHub: [],
  title: "CloudWatch log groups set a retention",
  why: "Log groups without retention keep every log line forever, at a growing cost.",
  fix: "Set logRetentionDays in the spec (default 14 in dev, 90 in prod).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_cloudwatch_log_group")
      .filter(([, group]) => !(typeof group.retention_in_days === "number" && group.retention_in_days > 0))
      .map(([resource]) => ({ resource, message: "keeps logs forever (no retention_in_days)" })),
};
