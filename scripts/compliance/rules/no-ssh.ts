import type { Rule } from "../types";
import { ingressRulesOf } from "./ingress-rules";

export const noSsh: Rule = {
  id: "no-ssh",
  checks: ["CKV_AWS_24", "Security Hub EC2.13"],
  description: "No security group admits SSH (22) from any source: hosts are reached through Session Manager",
  evaluate: (stack) =>
    ingressRulesOf(stack)
      .filter((r) => r.fromPort <= 22 && r.toPort >= 22)
      .map((r) => ({ rule: "no-ssh", resource: r.resource, message: `admits SSH (ports ${r.fromPort}-${r.toPort})` })),
};
