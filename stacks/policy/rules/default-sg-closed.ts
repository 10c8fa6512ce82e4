import { resourcesOf, type Rule } from "../types";

export const defaultSgClosed: Rule = {
  id: "default-sg-closed",
  severity: "warning",
  checkov: ["CKV2_AWS_12"],
  securityHub: ["EC2.2"],
  title: "Every VPC berth creates manages its default security group with no rules",
  why: "An open default security group is attached to anything launched without a group, silently exposing it.",
  fix: "Manage the VPC's aws_default_security_group with no ingress or egress rules (berth's network construct does).",
  evaluate: (stack) => {
    const managed = resourcesOf(stack, "aws_default_security_group");
    const open = managed.filter(([, sg]) => ((sg.ingress as unknown[]) ?? []).length > 0 || ((sg.egress as unknown[]) ?? []).length > 0);
    const vpcs = resourcesOf(stack, "aws_vpc");
    return [
      ...open.map(([resource]) => ({ resource, message: "the default security group has rules" })),
      ...(vpcs.length > managed.length ? vpcs.map(([resource]) => ({ resource, message: "the VPC's default security group is not managed empty" })) : []),
    ];
  },
};
