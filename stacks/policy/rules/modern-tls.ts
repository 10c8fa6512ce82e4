import { resourcesOf, type Rule } from "../types";

/** TLS 1.3 + 1.2 policies only; older ones (e.g. the API default ELBSecurityPolicy-2016-08) allow TLS 1.0. */
const MODERN = /^ELBSecurityPolicy-TLS13-1-2-/;

export const modernTls: Rule = {
  id: "modern-tls",
  severity: "error",
  checkov: ["CKV_AWS_103"],
  securityHub: ["ELB.17"],
  title: "HTTPS listeners use a TLS 1.3/1.2 security policy",
  why: "Old ELB security policies still accept TLS 1.0/1.1 and weak ciphers.",
  fix: "Use an ELBSecurityPolicy-TLS13-1-2-* policy (berth's HTTPS listener does).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_lb_listener")
      .filter(([, listener]) => listener.protocol === "HTTPS" && !MODERN.test(String(listener.ssl_policy ?? "")))
      .map(([resource, listener]) => ({ resource, message: `weak or default TLS policy ${JSON.stringify(listener.ssl_policy ?? "(none)")}` })),
};
