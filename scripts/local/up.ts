import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import type { CommandRunner } from "../command-runner";
import type { Progress } from "../cli/progress";
import { assertBuildablePlatform } from "../images/build-platform";
import { buildSource } from "../images/build";
import { Docker } from "../images/docker";
import { imageSources } from "../images/sources";
import { findCompose, runCompose } from "./compose-tool";
import { localComposeFile, localComposePath, localImage, localProject } from "./project";
import { localSecrets } from "./secrets-file";

export interface UpOptions {
  /** Port on 127.0.0.1 serving the app. @default - the app's port */
  readonly hostPort?: number;
  /** Dotenv file with the secrets' local values. @default - secrets.local.env beside the spec */
  readonly secretsFile?: string;
  /** Build without docker's layer cache. @default false */
  readonly noCache?: boolean;
}

export interface LocalTools {
  readonly run: CommandRunner;
  readonly progress: Progress;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface UpResult {
  readonly compose: string;
  readonly project: string;
  readonly image: string;
  readonly built: boolean;
  readonly url: string;
  readonly composeFile: string;
}

/**
 * `berth up`: the app on this machine's Docker, from the same spec and the same compose file as the
 * EC2 host: its image built (or the spec's existing image), secrets from a local file, `compose up`
 * detached. Everything is checked before docker builds or starts anything.
 */
export async function up(config: ResolvedConfig, options: UpOptions, tools: LocalTools): Promise<UpResult> {
  const env = tools.env ?? process.env;
  const hostPort = options.hostPort ?? config.port;
  const source = imageSources(config).build[0];
  const secrets = localSecrets(Object.keys(config.secrets), options.secretsFile ?? join(config.baseDir, "secrets.local.env"));
  const docker = new Docker(tools.run, env);
  const builder = await docker.preflight();
  const compose = await findCompose(tools.run, docker.binary);
  if (source) assertBuildablePlatform(source, builder);

  const image = localImage(config);
  if (source) {
    tools.progress.line(`${source.name}: building ${image} for ${source.platform}`);
    await buildSource(docker, source, { tag: image, noCache: options.noCache }, builder.buildx, (line) => tools.progress.status(`${source.name} build`, line), "nothing was started");
  }

  const file = localComposePath(config);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, localComposeFile(config, hostPort));
  const project = localProject(config);
  tools.progress.line(`starting ${project} with ${compose.description}`);
  // The image and the secrets' values reach compose through its environment: the file names them only.
  await runCompose(
    tools.run,
    compose,
    { project, file },
    ["up", "--detach", "--remove-orphans"],
    { env: { ...env, BERTH_IMAGE: image, ...secrets }, onLine: (line) => tools.progress.status("compose up", line) },
    `${source ? `The image ${image} was built. ` : ""}Fix what compose reports and run berth up again; berth down stops what did start.`,
  );
  return { compose: compose.description, project, image, built: source !== undefined, url: `http://127.0.0.1:${hostPort}`, composeFile: file };
}
