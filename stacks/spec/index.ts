import type { BerthConfigInput } from "./schema";

export type { BerthConfig, BerthConfigInput } from "./schema";
export type { ResolvedConfig, ResolvedImage, Stage, Target, Platform } from "./resolve";

/**
 * Declares a berth app spec with full type checking in the editor. The spec is validated again
 * at run time (validateConfig), because a config file can be plain JavaScript or computed.
 *
 * ```ts
 * import { defineConfig } from "berth";
 * export default defineConfig({ app: "shop", region: "eu-west-1", targets: ["fargate"], ... });
 * ```
 */
export function defineConfig(config: BerthConfigInput): BerthConfigInput {
  return config;
}
