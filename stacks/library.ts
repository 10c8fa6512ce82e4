/**
 * berth's stacks for people composing their own cdktf app: `buildStacks(app, config, builds)` adds
 * every stack of a validated, resolved spec (validateConfig, then resolveConfig) to `app`.
 */
export { buildStacks } from "./app";
export { RegistryStack } from "./registry-stack";
export { Ec2Stack } from "./targets/ec2/stack";
export { FargateStack } from "./targets/fargate/stack";
export { resolveConfig, type ResolvedConfig } from "./spec/resolve";
export { validateConfig } from "./spec/validate";
export type { ImageBuild, ImageBuilds } from "./images";
