import type { App } from "cdktf";
import type { ResolvedConfig } from "./config/presets";
import { RegistryStack } from "./registry-stack";

/** Adds every stack the spec asks for to `app`. */
export function buildStacks(app: App, config: ResolvedConfig): void {
  new RegistryStack(app, config);
}
