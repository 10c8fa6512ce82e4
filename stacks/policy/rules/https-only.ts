import { resourcesOf, type Rule } from "../types";

export const httpsOnly: Rule = {
  id: "https-only",
  severity: "error",
  checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
  securityHub: ["ELB.1"],
  title: "Load balancer listeners use HTTPS; plain HTTP listeners only redirect to HTTPS",
  why: "Plain HTTP sends requests, cookies and credentials in clear text.",
  fix: "Give fargate.https { certificateArn } or { domain, hostedZoneId } (or ec2.https { domain }); for a demo on plain HTTP, suppress https-only with a reason.",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_lb_listener")
      .filter(([, listener]) => listener.protocol === "HTTP")
      .filter(([, listener]) => {
        const actions = (listener.default_action ?? []) as { type?: string; redirect?: { protocol?: string } | { protocol?: string }[] }[];
        return !actions.every((a) => a.type === "redirect" && [a.redirect].flat()[0]?.protocol === "HTTPS");
      })
      .map(([resource]) => ({ resource, message: "serves plain HTTP without redirecting to HTTPS" })),
};
