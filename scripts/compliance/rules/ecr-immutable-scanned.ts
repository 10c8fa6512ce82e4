import { block, resourcesOf, type Finding, type Rule } from "../types";

const rule = "ecr-immutable-scanned";

export const ecrImmutableScanned: Rule = {
  id: rule,
  checks: ["CKV_AWS_51", "CKV_AWS_163", "Security Hub ECR.1", "Security Hub ECR.2"],
  description: "ECR repositories have immutable tags and scan on push",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecr_repository").flatMap(([resource, repository]): Finding[] => [
      ...(repository.image_tag_mutability === "IMMUTABLE" ? [] : [{ rule, resource, message: "tags are mutable" }]),
      ...(block(repository.image_scanning_configuration)?.scan_on_push === true ? [] : [{ rule, resource, message: "images are not scanned on push" }]),
    ]),
};
