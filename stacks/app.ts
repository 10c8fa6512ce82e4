import type { App } from "cdktf";
import type { ResolvedConfig } from "./spec/presets";
import { Ec2Stack } from "./targets/ec2/stack";
import { FargateStack } from "./targets/fargate/stack";
import type { ImageBuilds } from "./images";
import { RegistryStack } from "./registry-stack";

/**
 * Adds every stack the spec asks for to `app` and returns notes for the synth summary. `builds`
 * names each image berth builds: by its published digest, else by its content tag.
 */
export function buildStacks(app: App, config: ResolvedConfig, builds: ImageBuilds): string[] {
  new RegistryStack(app, config);
  const notes: string[] = [];
  if (config.targets.includes("fargate")) notes.push(...new FargateStack(app, config, builds).notes);
  if (config.targets.includes("ec2")) new Ec2Stack(app, config, builds);
  return notes;
}
