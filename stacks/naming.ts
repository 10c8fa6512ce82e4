import type { ResolvedConfig } from "./spec/resolve";
import type { TargetId } from "./targets";

/**
 * Names shared by the stacks and the scripts (publish resolves repositories by these names).
 * Changing one renames, and so replaces, deployed resources.
 */

/** `<app>-<stage>-<kind>`, e.g. `shop-prod-registry`. */
export function stackName(config: Pick<ResolvedConfig, "app" | "stage">, kind: "registry" | TargetId): string {
  return `${config.app}-${config.stage}-${kind}`;
}

/** ECR repository of one app image, e.g. `shop-prod/web`. */
export function repositoryName(config: Pick<ResolvedConfig, "app" | "stage">, imageName: string): string {
  return `${config.app}-${config.stage}/${imageName}`;
}

/** The name of the app's main image and container (and of its ECR repository's last segment). */
export const MAIN_IMAGE_NAME = "web";
