/** Instance types, their CPU architecture and the matching Amazon Linux 2023 AMI. */
import { EC2_INSTANCE_TYPE } from "../limits/names";

export type Architecture = "x86_64" | "arm64";
export type ImagePlatform = "linux/amd64" | "linux/arm64";

/** Graviton families: a1, and a `g` right after the generation number (t4g, m7gd, c6gn, im4gn, is4gen, x2gd, g5g). */
const GRAVITON_FAMILY = /^(?:a1|[a-z]+\d+g[a-z]*)(?:-[a-z]+)?$/;

/** The family of a well-formed instance type, or undefined. */
export function instanceFamily(instanceType: string): string | undefined {
  return EC2_INSTANCE_TYPE.pattern.exec(instanceType)?.[1];
}

/** The CPU architecture of a (well-formed) instance type. */
export function architectureOf(instanceType: string): Architecture {
  return GRAVITON_FAMILY.test(instanceFamily(instanceType) ?? "") ? "arm64" : "x86_64";
}

/** The image platform an architecture runs. */
export function platformOf(architecture: Architecture): ImagePlatform {
  return architecture === "arm64" ? "linux/arm64" : "linux/amd64";
}

/** The public SSM parameter holding the latest standard AL2023 AMI (it includes the SSM agent; minimal does not). */
export function al2023AmiParameter(architecture: Architecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}
