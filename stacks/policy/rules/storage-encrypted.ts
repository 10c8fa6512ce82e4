import { block, resourcesOf, type Finding, type Rule } from "../types";

export const storageEncrypted: Rule = {
  id: "storage-encrypted",
  severity: "error",
  checkov: ["CKV_AWS_3", "CKV_AWS_8", "CKV_AWS_42", "CKV_AWS_136"],
  securityHub: ["EC2.3", "EFS.1"],
  title: "EBS volumes, instance root volumes, EFS file systems and ECR repositories are encrypted at rest",
  why: "Unencrypted volumes and repositories expose data in snapshots, backups and retired disks.",
  fix: "Set encrypted = true (EBS, EFS) and KMS encryption on ECR repositories (berth's constructs do).",
  evaluate: (stack) => {
    const findings: Finding[] = [];
    for (const [resource, volume] of resourcesOf(stack, "aws_ebs_volume", "aws_efs_file_system")) {
      if (volume.encrypted !== true) findings.push({ resource, message: "not encrypted at rest: set encrypted = true" });
    }
    for (const [resource, instance] of resourcesOf(stack, "aws_instance")) {
      if (block(instance.root_block_device)?.encrypted !== true) findings.push({ resource, message: "root volume not encrypted: set root_block_device.encrypted = true" });
    }
    for (const [resource, repository] of resourcesOf(stack, "aws_ecr_repository")) {
      if (block(repository.encryption_configuration)?.encryption_type !== "KMS") findings.push({ resource, message: "images not encrypted with KMS" });
    }
    return findings;
  },
};
