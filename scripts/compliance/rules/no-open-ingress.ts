import type { Rule } from "../types";
import { ANYWHERE, ingressRulesOf } from "./ingress-rules";

const WEB_PORTS = new Set([80, 443]);

export const noOpenIngress: Rule = {
  id: "no-open-ingress",
  checks: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "Security Hub EC2.18", "Security Hub EC2.19"],
  description: "Nothing is open to the internet but HTTP(S) on 80 and 443 (never the tasks, never SSH or RDP)",
  evaluate: (stack) =>
    ingressRulesOf(stack)
      .filter((r) => r.cidrs.some((c) => ANYWHERE.has(c)) && !(r.fromPort === r.toPort && WEB_PORTS.has(r.fromPort)))
      .map((r) => ({ rule: "no-open-ingress", resource: r.resource, message: `ports ${r.fromPort}-${r.toPort} are open to the internet` })),
};
