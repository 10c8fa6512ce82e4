import { BerthError } from "../../stacks/errors";
import { lastLines } from "../command-runner";
import { DockerCommandError, type BuildRequest, type Docker } from "./docker";
import type { ImageSource } from "./sources";

/**
 * Builds `source` under `options.tag` (publish, berth up). A failed build is a BerthError with
 * docker's last lines, what to fix, and `notDone`: what the command then did not do.
 */
export async function buildSource(
  docker: Docker,
  source: ImageSource,
  options: Pick<BuildRequest, "tag" | "cacheFrom" | "noCache">,
  buildx: boolean,
  onLine: (line: string) => void,
  notDone: string,
): Promise<void> {
  try {
    await docker.build(
      { contextDir: source.contextDir, dockerfile: source.dockerfile, platform: source.platform, buildArgs: source.buildArgs, target: source.target, ...options },
      buildx,
      onLine,
    );
  } catch (error) {
    if (!(error instanceof DockerCommandError)) throw error;
    throw new BerthError(`docker build of ${source.name} failed (exit ${error.code}):\n${lastLines(error.output)}\nFix the Dockerfile (${source.dockerfile}) or the build context and run again; ${notDone}.`);
  }
}
