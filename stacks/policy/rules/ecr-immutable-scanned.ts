import { block, resourcesOf, type Finding, type Rule } from "../types";

export const ecrImmutableScanned: Rule = {
  id: "ecr-immutable-scanned",
  severity: "warning",
  checkov: ["CKV_AWS_51", "CKV_AWS_163"],
  securityHub: ["ECR.1", "ECR.2"],
  title: "ECR repositories have immutable tags and scan on push",
  why: "Mutable tags let a deployed tag point at different code later; unscanned images hide known CVEs.",
  fix: "Set image_tag_mutability = \"IMMUTABLE\" and image_scanning_configuration.scan_on_push = true (berth's registry stack does).",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_ecr_repository").flatMap(([resource, repository]): Finding[] => [
      ...(repository.image_tag_mutability === "IMMUTABLE" ? [] : [{ resource, message: "tags are mutable" }]),
      ...(block(repository.image_scanning_configuration)?.scan_on_push === true ? [] : [{ resource, message: "images are not scanned on push" }]),
    ]),
};
