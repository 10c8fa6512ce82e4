import type { Rule } from "../types";
import { ingressRulesOf } from "./ingress-rules";

export const noSsh: Rule = {
  id: "no-ssh",
  severity: "error",
  checkov: ["CKV_AWS_24"],
  securityHub: ["EC2.13"],
  title: "No security group admits SSH (22) from any source: hosts are reached through Session Manager",
  why: "SSH ports are the most scanned on the internet; berth hosts are reached through Session Manager.",
  fix: "Remove the port 22 ingress rule; use aws ssm start-session to reach the host.",
  evaluate: (stack) =>
    ingressRulesOf(stack)
      .filter((r) => r.fromPort <= 22 && r.toPort >= 22)
      .map((r) => ({ resource: r.resource, message: `admits SSH (ports ${r.fromPort}-${r.toPort})` })),
};
