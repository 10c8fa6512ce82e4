import { resourcesOf, type Rule } from "../types";

export const vpcFlowLogs: Rule = {
  id: "vpc-flow-logs",
  checks: ["CKV2_AWS_11", "Security Hub EC2.6"],
  description: "Every VPC berth creates has flow logs",
  evaluate: (stack) => {
    const logged = resourcesOf(stack, "aws_flow_log").length;
    const vpcs = resourcesOf(stack, "aws_vpc");
    return logged >= vpcs.length ? [] : vpcs.map(([resource]) => ({ rule: "vpc-flow-logs", resource, message: "has no flow log" }));
  },
};
