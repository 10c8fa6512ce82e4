import { block, resourcesOf, type Finding, type Rule } from "../types";

const rule = "storage-encrypted";

export const storageEncrypted: Rule = {
  id: rule,
  checks: ["CKV_AWS_3", "CKV_AWS_8", "CKV_AWS_42", "CKV_AWS_136", "Security Hub EC2.3", "Security Hub EFS.1"],
  description: "EBS volumes, instance root volumes, EFS file systems and ECR repositories are encrypted at rest",
  evaluate: (stack) => {
    const findings: Finding[] = [];
    for (const [resource, volume] of resourcesOf(stack, "aws_ebs_volume", "aws_efs_file_system")) {
      if (volume.encrypted !== true) findings.push({ rule, resource, message: "not encrypted at rest (encrypted = true)" });
    }
    for (const [resource, instance] of resourcesOf(stack, "aws_instance")) {
      if (block(instance.root_block_device)?.encrypted !== true) findings.push({ rule, resource, message: "root volume not encrypted (root_block_device.encrypted = true)" });
    }
    for (const [resource, repository] of resourcesOf(stack, "aws_ecr_repository")) {
      if (block(repository.encryption_configuration)?.encryption_type !== "KMS") findings.push({ rule, resource, message: "images not encrypted with KMS" });
    }
    return findings;
  },
};
