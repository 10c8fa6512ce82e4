import { resourcesOf, type Rule } from "../types";

export const defaultSgClosed: Rule = {
  id: "default-sg-closed",
  checks: ["CKV2_AWS_12", "Security Hub EC2.2"],
  description: "Every VPC berth creates manages its default security group with no rules",
  evaluate: (stack) => {
    const managed = resourcesOf(stack, "aws_default_security_group");
    const open = managed.filter(([, sg]) => ((sg.ingress as unknown[]) ?? []).length > 0 || ((sg.egress as unknown[]) ?? []).length > 0);
    const vpcs = resourcesOf(stack, "aws_vpc");
    return [
      ...open.map(([resource]) => ({ rule: "default-sg-closed", resource, message: "the default security group has rules" })),
      ...(vpcs.length > managed.length ? vpcs.map(([resource]) => ({ rule: "default-sg-closed", resource, message: "the VPC's default security group is not managed empty" })) : []),
    ];
  },
};
