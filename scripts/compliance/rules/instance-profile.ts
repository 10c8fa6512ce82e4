import { resourcesOf, type Rule } from "../types";

export const instanceProfile: Rule = {
  id: "instance-profile",
  checks: ["CKV2_AWS_41"],
  description: "EC2 instances have an IAM instance profile",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_instance")
      .filter(([, instance]) => !instance.iam_instance_profile)
      .map(([resource]) => ({ rule: "instance-profile", resource, message: "has no IAM instance profile" })),
};
