import { block, resourcesOf, type Rule } from "../types";

export const albAccessLogs: Rule = {
  id: "alb-access-logs",
  severity: "error",
  // CKV_AWS_91 UNCONFIRMED (Checkov's id for ELBv2 access logging); ELB.5 is Security Hub's "logging should be enabled".
  checkov: ["CKV_AWS_91"],
  securityHub: ["ELB.5"],
  title: "A load balancer given an access log bucket writes access logs to it",
  why: "A bucket named but not enabled looks like logging is on while no request is recorded, which an incident review then lacks.",
  fix: "Keep access_logs.enabled = true with fargate.accessLogsBucket (berth's load balancer does), or remove the bucket.",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_lb").flatMap(([resource, lb]) => {
      const logs = block(lb.access_logs);
      return logs?.bucket !== undefined && logs.enabled !== true ? [{ resource, message: `access_logs names bucket ${JSON.stringify(logs.bucket)} but is not enabled` }] : [];
    }),
};
