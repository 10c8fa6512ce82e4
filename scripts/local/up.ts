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
import { localCaddyfile, localComposeFile, localComposePath, localImage, localImageEnvironment, localProject } from "./project";
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

/** A service's image in a local run. */
export interface UpImage {
  readonly service: string;
  /** The local build's tag, or the spec's existing image. */
  readonly image: string;
  /** Whether berth up built it here. */
  readonly built: boolean;
}

export interface UpResult {
  readonly compose: string;
  readonly project: string;
  /** Each service's image, in the spec's order. */
  readonly images: readonly UpImage[];
  readonly url: string;
  readonly composeFile: string;
}

/**
 * `berth up`: the app on this machine's Docker, from the same spec and the same compose file as the
 * EC2 host: its images built (or the spec's existing images), secrets from a local file, `compose
 * up` detached. Everything is checked before docker builds or starts anything.
 */
export async function up(config: ResolvedConfig, options: UpOptions, tools: LocalTools): Promise<UpResult> {
  const env = tools.env ?? process.env;
  const hostPort = options.hostPort ?? config.port;
  const sources = imageSources(config).build;
  const secretNames = [...new Set(config.services.flatMap((s) => Object.keys(s.secrets)))];
  const secrets = localSecrets(secretNames, options.secretsFile ?? join(config.baseDir, "secrets.local.env"));
  const docker = new Docker(tools.run, env);
  const builder = await docker.preflight();
  const compose = await findCompose(tools.run, docker.binary);
  for (const source of sources) assertBuildablePlatform(source, builder);

  const built: string[] = [];
  for (const source of sources) {
    const tag = localImage(config, config.services.find((s) => s.name === source.name)!.image);
    tools.progress.line(`${source.name}: building ${tag} for ${source.platform}`);
    const done = built.length === 0 ? "nothing was started" : `${built.join(", ")} ${built.length === 1 ? "was" : "were"} built, nothing was started`;
    await buildSource(docker, source, { tag, noCache: options.noCache }, builder.buildx, (line) => tools.progress.status(`${source.name} build`, line), done);
    built.push(tag);
  }

  const file = localComposePath(config);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, localComposeFile(config, hostPort));
  const proxyConfig = localCaddyfile(config);
  if (proxyConfig !== undefined) writeFileSync(join(dirname(file), "Caddyfile"), proxyConfig);
  const project = localProject(config);
  tools.progress.line(`starting ${project} with ${compose.description}`);
  // The images and the secrets' values reach compose through its environment: the file names them only.
  await runCompose(
    tools.run,
    compose,
    { project, file },
    ["up", "--detach", "--remove-orphans"],
    { env: { ...env, ...localImageEnvironment(config), ...secrets }, onLine: (line) => tools.progress.status("compose up", line) },
    `${builtNote(built)}Fix what compose reports and run berth up again; berth down stops what did start.`,
  );
  const images = config.services.map((s) => ({ service: s.name, image: localImage(config, s.image), built: s.image.build !== undefined }));
  return { compose: compose.description, project, images, url: `http://127.0.0.1:${hostPort}`, composeFile: file };
}

/** "The image X was built. " / "The images X, Y were built. ", or "" when none was. */
function builtNote(built: readonly string[]): string {
  if (built.length === 0) return "";
  return built.length === 1 ? `The image ${built[0]} was built. ` : `The images ${built.join(", ")} were built. `;
}
