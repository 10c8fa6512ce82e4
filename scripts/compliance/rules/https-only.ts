import { resourcesOf, type Rule } from "../types";

export const httpsOnly: Rule = {
  id: "https-only",
  checks: ["CKV_AWS_2", "CKV2_AWS_20", "Security Hub ELB.1"],
  description: "Load balancer listeners use HTTPS; plain HTTP listeners only redirect to HTTPS",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_lb_listener")
      .filter(([, listener]) => listener.protocol === "HTTP")
      .filter(([, listener]) => {
        const actions = (listener.default_action ?? []) as { type?: string; redirect?: { protocol?: string } | { protocol?: string }[] }[];
        return !actions.every((a) => a.type === "redirect" && [a.redirect].flat()[0]?.protocol === "HTTPS");
      })
      .map(([resource]) => ({ rule: "https-only", resource, message: "serves plain HTTP without redirecting to HTTPS" })),
};
