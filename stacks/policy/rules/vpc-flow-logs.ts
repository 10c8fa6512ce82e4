import { resourcesOf, type Rule } from "../types";

export const vpcFlowLogs: Rule = {
  id: "vpc-flow-logs",
  severity: "warning",
  checkov: ["CKV2_AWS_11"],
  securityHub: ["EC2.6"],
  title: "Every VPC berth creates has flow logs",
  why: "Without flow logs there is no record of which addresses reached or left the VPC.",
  fix: "Add an aws_flow_log for every VPC (berth's network construct does).",
  evaluate: (stack) => {
    const logged = resourcesOf(stack, "aws_flow_log").length;
    const vpcs = resourcesOf(stack, "aws_vpc");
    return logged >= vpcs.length ? [] : vpcs.map(([resource]) => ({ resource, message: "has no flow log" }));
  },
};
