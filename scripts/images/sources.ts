import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { BerthError } from "../../stacks/errors";
import { formatPath } from "../../stacks/spec/issue";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { repositoryName } from "../../stacks/naming";
import type { BuildInputs } from "./content-hash";

/** An image berth builds and pushes to the app's ECR repository. */
export interface ImageSource extends BuildInputs {
  /** Name within the app, e.g. "web". */
  readonly name: string;
  /** `<app>-<stage>/<name>` (stacks/naming.ts). */
  readonly repositoryName: string;
}

/** An image the spec names by URI: deployed as it is, nothing to publish. */
export interface ExternalImage {
  readonly name: string;
  readonly uri: string;
}

/**
 * The images of a spec that berth builds, checked before docker or AWS is touched: the build
 * context and Dockerfile exist. (The spec has already matched the platform to each target's CPU
 * architecture.)
 */
export function imageSources(config: ResolvedConfig): { build: ImageSource[]; external: ExternalImage[] } {
  const build: ImageSource[] = [];
  const external: ExternalImage[] = [];
  // One image per service, in the order written.
  for (const { image, path } of config.services) {
    if (!image.build) {
      external.push({ name: image.name, uri: image.uri ?? "" });
      continue;
    }
    const contextDir = resolve(config.baseDir, image.build.context);
    if (!existsSync(contextDir) || !statSync(contextDir).isDirectory()) {
      throw new BerthError(
        `${formatPath([...path, "image", "context"])} "${image.build.context}" is not a directory (resolved to ${contextDir} from the spec's folder).\n` +
          `Set ${formatPath([...path, "image", "context"])} to the folder holding your Dockerfile and sources, relative to berth.config.ts, and run again.`,
      );
    }
    const dockerfile = resolve(contextDir, image.build.dockerfile);
    if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
      throw new BerthError(
        `${formatPath([...path, "image", "dockerfile"])} "${image.build.dockerfile}" is not a file (resolved to ${dockerfile} from the build context).\n` +
          `Set ${formatPath([...path, "image", "dockerfile"])} to the Dockerfile's path relative to ${formatPath([...path, "image", "context"])} (default "Dockerfile") and run again.`,
      );
    }
    build.push({
      name: image.name,
      repositoryName: repositoryName(config, image.name),
      contextDir,
      dockerfile,
      buildArgs: image.build.buildArgs,
      target: image.build.target,
      platform: image.platform,
    });
  }
  return { build, external };
}
