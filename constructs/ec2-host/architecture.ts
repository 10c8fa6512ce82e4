/** Instance types, their CPU architecture and the matching Amazon Linux 2023 AMI. */
import type { Platform } from "../limits/images";
import { INSTANCE_FAMILIES, instanceFamily, type Architecture } from "../limits/instance-types";

export { instanceFamily, type Architecture };

/** The CPU architecture of an instance type; x86_64 for one the guards have not yet refused. */
export function architectureOf(instanceType: string): Architecture {
  return INSTANCE_FAMILIES.get(instanceFamily(instanceType) ?? "") ?? "x86_64";
}

/** The image platform an architecture runs. */
export function platformOf(architecture: Architecture): Platform {
  return architecture === "arm64" ? "linux/arm64" : "linux/amd64";
}

/** The public SSM parameter holding the latest standard AL2023 AMI (it includes the SSM agent; minimal does not). */
export function al2023AmiParameter(architecture: Architecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}
