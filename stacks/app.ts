import type { App } from "cdktf";
import type { ResolvedConfig } from "./config/presets";
import { Ec2Stack } from "./ec2-stack";
import { FargateStack } from "./fargate-stack";
import type { PublishedImages } from "./images";
import { RegistryStack } from "./registry-stack";

/**
 * Adds every stack the spec asks for to `app` and returns notes for the synth summary.
 * `published` pins images by digest; without it the service stacks use the most recent image in
 * each repository at plan time.
 */
export function buildStacks(app: App, config: ResolvedConfig, published: PublishedImages = new Map()): string[] {
  new RegistryStack(app, config);
  const notes: string[] = [];
  if (config.targets.includes("fargate")) notes.push(...new FargateStack(app, config, published).notes);
  if (config.targets.includes("ec2")) new Ec2Stack(app, config, published);
  return notes;
}
