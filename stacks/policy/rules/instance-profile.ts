import { resourcesOf, type Rule } from "../types";

export const instanceProfile: Rule = {
  id: "instance-profile",
  severity: "warning",
  checkov: ["CKV2_AWS_41"],
  securityHub: [],
  title: "EC2 instances have an IAM instance profile",
  why: "An instance without a profile ends up with long-lived keys on disk to reach AWS.",
  fix: "Attach an IAM instance profile (berth's EC2 host does).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_instance")
      .filter(([, instance]) => !instance.iam_instance_profile)
      .map(([resource]) => ({ resource, message: "has no IAM instance profile" })),
};
