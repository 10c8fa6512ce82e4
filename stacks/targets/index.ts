import type * as z from "zod";
import { ec2Target } from "./ec2";
import { fargateTarget } from "./fargate";
import type { TargetDefinition } from "./target";

/**
 * Every target berth knows, in the order messages list them. The spec, deploy and its report
 * iterate over this list: a new target is its folder (see stacks/targets/target.ts), a line here
 * and one in stacks.ts (its stack).
 */
export const TARGET_DEFINITIONS = [ec2Target, fargateTarget] as const;

type AnyTarget = (typeof TARGET_DEFINITIONS)[number];
export type TargetId = AnyTarget["id"];

/** The definitions of the targets `ids` names (a spec's `targets`), in that order. */
export function definitionsOf(ids: readonly TargetId[]): AnyTarget[] {
  return ids.map((id) => TARGET_DEFINITIONS.find((t) => t.id === id)!);
}

export const TARGET_IDS = TARGET_DEFINITIONS.map((t) => t.id) as [TargetId, ...TargetId[]];

/** Each target's resolved options, under its id (part of ResolvedConfig). */
export type ResolvedTargets = { readonly [T in AnyTarget as T["id"]]: T extends TargetDefinition<string, z.ZodType, infer R> ? R : never };

/** Each target's optional spec block, under its id (part of the spec's shape). */
export type TargetBlocks = { [T in AnyTarget as T["id"]]: z.ZodOptional<T["block"]> };

export function targetBlocks(): TargetBlocks {
  return Object.fromEntries(TARGET_DEFINITIONS.map((t) => [t.id, t.block.optional()])) as unknown as TargetBlocks;
}

export type { AfterApply, DeployTools, StableEcsService, StackOutputValues, TargetDefinition, TargetStack } from "./target";
