import { existsSync } from "node:fs";
import { BerthError } from "../../stacks/errors";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { Docker } from "../images/docker";
import { findCompose, runCompose } from "./compose-tool";
import { localComposePath, localImageEnvironment, localProject } from "./project";
import type { LocalTools } from "./up";

export interface DownResult {
  readonly compose: string;
  readonly project: string;
  readonly volumesRemoved: boolean;
}

/** `berth down`: stops and removes the local run's containers and network; its volumes too with `volumes`. */
export async function down(config: ResolvedConfig, options: { readonly volumes?: boolean }, tools: Omit<LocalTools, "progress">): Promise<DownResult> {
  const env = tools.env ?? process.env;
  const file = localComposePath(config);
  const project = localProject(config);
  if (!existsSync(file)) {
    throw new BerthError(`Nothing to stop for ${config.app} (${config.stage}): ${file} does not exist, so berth up has not run for this spec here.\nRun berth up first, or pass the spec berth up ran with --config.`);
  }
  const docker = new Docker(tools.run, env);
  await docker.preflight();
  const compose = await findCompose(tools.run, docker.binary);
  const volumes = options.volumes === true;
  // The file requires each service's image variable to be set; down neither pulls nor runs them.
  await runCompose(tools.run, compose, { project, file }, ["down", ...(volumes ? ["--volumes"] : [])], { env: { ...env, ...localImageEnvironment(config) } }, "Fix what compose reports and run berth down again.");
  return { compose: compose.description, project, volumesRemoved: volumes };
}
