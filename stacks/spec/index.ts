import type { BerthConfigInput } from "./schema";
import type { ComposeSpecInput, MultiServiceSpecInput } from "./services";

export type { BerthConfig, BerthConfigInput } from "./schema";
export type { ComposeSpecInput, MultiServiceConfig, MultiServiceSpecInput } from "./services";
export type { ResolvedConfig, ResolvedImage, Stage, Target, Platform } from "./resolve";

/**
 * Declares a berth app spec with full type checking in the editor: one service at the top level
 * (`image`, `port`, …), the app's services by name (`services: { web: { … } }`), or a compose file
 * (`compose: "./compose.yaml"`) with berth's settings beside it. The spec is
 * validated again at run time (validateConfig), because a config file can be plain JavaScript or
 * computed.
 *
 * ```ts
 * import { defineConfig } from "berth";
 * export default defineConfig({ app: "shop", region: "eu-west-1", targets: ["fargate"], ... });
 * ```
 */
export function defineConfig(config: BerthConfigInput): BerthConfigInput;
export function defineConfig(config: MultiServiceSpecInput): MultiServiceSpecInput;
export function defineConfig(config: ComposeSpecInput): ComposeSpecInput;
export function defineConfig(config: BerthConfigInput | MultiServiceSpecInput | ComposeSpecInput): BerthConfigInput | MultiServiceSpecInput | ComposeSpecInput {
  return config;
}
