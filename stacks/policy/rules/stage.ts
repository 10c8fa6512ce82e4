import { block, type TerraformJson } from "../types";

/** The berth stage a stack was synthesized for: the provider's `berth:stage` default tag (stacks/berth-stack.ts). */
export function stageOf(stack: TerraformJson): string | undefined {
  const tags = block(block(stack.provider?.aws)?.default_tags)?.tags as Record<string, unknown> | undefined;
  return typeof tags?.["berth:stage"] === "string" ? tags["berth:stage"] : undefined;
}
