import { resourcesOf, type Rule } from "../types";

export const ecrLifecycle: Rule = {
  id: "ecr-lifecycle",
  severity: "warning",
  checkov: [],
  // ECR.3 UNCONFIRMED (AWS Config ecr-private-lifecycle-policy-configured is the same check).
  securityHub: ["ECR.3"],
  title: "Every ECR repository has a lifecycle policy",
  why: "Without one, every pushed image is kept forever: storage grows with each deploy and old, vulnerable images stay pullable.",
  fix: "Keep berth's lifecycle policy (registry.keepImages, registry.untaggedExpiryDays) on every repository.",
  evaluate: (stack) => {
    const covered = resourcesOf(stack, "aws_ecr_lifecycle_policy").map(([, policy]) => String(policy.repository));
    return resourcesOf(stack, "aws_ecr_repository")
      .filter(([address, repository]) => !covered.some((r) => r.includes(`${address}.`) || r === repository.name))
      .map(([resource]) => ({ resource, message: "has no lifecycle policy" }));
  },
};
