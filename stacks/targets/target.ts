import type { App } from "cdktf";
import type * as z from "zod";
import type { ImageBuilds } from "../images";
import type { ResolvedConfig, Stage } from "../spec/resolve";
import type { BerthConfig } from "../spec/schema";
import type { SpecWarning } from "../spec/warnings";

/**
 * Everything one target means, in one place: its spec block and checks, its defaults, what deploy
 * does after apply and what it reports. The spec, deploy and its report iterate over the registry
 * (targets/index.ts). Its stack is apart (TargetStack, registered in targets/stacks.ts), so that
 * reading a spec, publishing and planning a deploy load no cdktf or provider bindings.
 */
export interface TargetDefinition<Id extends string, Block extends z.ZodType, Resolved> {
  /** The spec's name for the target (`targets: ["fargate"]`) and its block's key; also the stack's suffix. */
  readonly id: Id;
  /** The spec block of the target's options, e.g. `fargate: { ... }`. */
  readonly block: Block;
  /** The block with every default filled in; resolved for every spec, chosen target or not. */
  resolve(block: z.output<Block> | undefined, context: ResolveContext): Resolved;
  /** Checks of the written spec that read several fields; called only when `targets` names the target. */
  checkSpec?(spec: BerthConfig, ctx: z.RefinementCtx): void;
  /** Checks of the spec with its defaults applied, reported at spec field paths; only when the fields are valid. */
  checkResolved?(spec: BerthConfig, config: ResolvedConfig, ctx: z.RefinementCtx): void;
  /** Where a plain environment value ends up on this target (for the warning about secret-looking values). */
  readonly plainValuesStoredIn: string;
  /** The target's own warnings (stacks/spec/warnings.ts). */
  warnings?(config: ResolvedConfig): SpecWarning[];
  /** The stack output holding the app's URL. */
  readonly urlOutput: string;
  /** What `berth deploy` does after applying the stack, besides printing the URL. */
  readonly afterApply?: AfterApply;
  /** Lines of `berth deploy`'s report from the stack's outputs, besides the URL. */
  reportLines?(outputs: StackOutputValues): string[];
}

/** Adds a target's stack to `app`; returns notes for the synth summary. */
export type TargetStack = (app: App, config: ResolvedConfig, builds: ImageBuilds) => readonly string[];

export interface ResolveContext {
  readonly stage: Stage;
  /** The app image's platform (e.g. an EC2 host's default instance type follows it). */
  readonly platform: ResolvedConfig["image"]["platform"];
}

/** One stack's outputs, by name, as `cdktf deploy --outputs-file` writes them. */
export type StackOutputValues = Readonly<Record<string, unknown>>;

/** An ECS service that reached a steady state. */
export interface StableEcsService {
  readonly cluster: string;
  readonly name: string;
  readonly taskDefinition: string;
  readonly runningCount: number;
  readonly desiredCount: number;
}

/** What deploy lends a target's afterApply (the AWS calls live in scripts/deploy). */
export interface DeployTools {
  readonly waitTimeoutSeconds: number;
  /** Waits until the service is stable, printing progress; throws a BerthError on rollback or timeout. */
  waitForEcsService(cluster: string, service: string): Promise<StableEcsService>;
}

export interface AfterApply {
  /** The dry run's line for this step. */
  describe(waitTimeoutSeconds: number): string;
  /** Runs the step on the applied stack's outputs (`stack` names it, for messages); returns the step done. */
  run(outputs: StackOutputValues, stack: string, tools: DeployTools): Promise<{ readonly step: string; readonly service?: StableEcsService }>;
}
