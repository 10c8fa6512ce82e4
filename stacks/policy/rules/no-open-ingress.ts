import type { Rule } from "../types";
import { ANYWHERE, ingressRulesOf } from "./ingress-rules";

const WEB_PORTS = new Set([80, 443]);

export const noOpenIngress: Rule = {
  id: "no-open-ingress",
  severity: "error",
  checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"],
  securityHub: ["EC2.18", "EC2.19"],
  title: "Nothing is open to the internet but HTTP(S) on 80 and 443 (never the tasks, never SSH or RDP)",
  why: "Anything but HTTP(S) on 80/443 that is open to 0.0.0.0/0 or ::/0 is exposed to the whole internet.",
  fix: "Narrow fargate.ingressCidrs / ec2 ingress to the networks that need it, or put the port behind the load balancer.",
  evaluate: (stack) =>
    ingressRulesOf(stack)
      .filter((r) => r.cidrs.some((c) => ANYWHERE.has(c)) && !(r.fromPort === r.toPort && WEB_PORTS.has(r.fromPort)))
      .map((r) => ({ resource: r.resource, message: `ports ${r.fromPort}-${r.toPort} are open to the internet` })),
};
