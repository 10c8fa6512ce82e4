import type { App } from "cdktf";
import type { ImageBuilds } from "./images";
import { RegistryStack } from "./registry-stack";
import type { ResolvedConfig } from "./spec/resolve";
import { TARGET_IDS } from "./targets";
import { TARGET_STACKS } from "./targets/stacks";

/**
 * Adds every stack the spec asks for to `app` and returns notes for the synth summary. `builds`
 * names each image berth builds: by its published digest, else by its content tag.
 */
export function buildStacks(app: App, config: ResolvedConfig, builds: ImageBuilds): string[] {
  new RegistryStack(app, config);
  return TARGET_IDS.filter((id) => config.targets.includes(id)).flatMap((id) => [...TARGET_STACKS[id](app, config, builds)]);
}
