import { BerthError } from "../../stacks/errors";
import { lastLines, type CommandOptions, type CommandRunner } from "../command-runner";

/** The Docker Compose that runs on this machine. */
export interface ComposeTool {
  /** The command before compose's own arguments: `docker compose` or `docker-compose`. */
  readonly argv: readonly string[];
  /** What it is, for the output: "docker compose 2.29.1 (the compose plugin)". */
  readonly description: string;
}

/**
 * The compose plugin (`docker compose`, Compose v2) when it runs, else the standalone
 * `docker-compose` (Compose v1, e.g. Debian's 1.29): both read the compose file berth writes.
 */
export async function findCompose(run: CommandRunner, docker: string): Promise<ComposeTool> {
  const plugin = await versionOf(run, [docker, "compose"]);
  if (plugin !== undefined) return { argv: [docker, "compose"], description: `docker compose ${plugin} (the compose plugin)` };
  const standalone = await versionOf(run, ["docker-compose"]);
  if (standalone !== undefined) return { argv: ["docker-compose"], description: `docker-compose ${standalone} (standalone Compose v1)` };
  throw new BerthError(
    `Docker Compose not found: neither "${docker} compose version" (the compose plugin) nor "docker-compose version" ran.\n` +
      "Install the Docker Compose plugin (https://docs.docker.com/compose/install/) and run again.",
  );
}

/**
 * Runs `compose --project-name <project> --file <file> <args>`; a non-zero exit is a BerthError
 * with compose's last lines and `advice`.
 */
export async function runCompose(
  run: CommandRunner,
  compose: ComposeTool,
  target: { readonly project: string; readonly file: string },
  args: readonly string[],
  options: CommandOptions,
  advice: string,
): Promise<void> {
  const result = await run([...compose.argv, "--project-name", target.project, "--file", target.file, ...args], options);
  if (result.code === 0) return;
  throw new BerthError(`${compose.argv.join(" ")} ${args[0]} of ${target.project} failed (exit ${result.code}):\n${lastLines(`${result.stderr}\n${result.stdout}`)}\n${advice}`);
}

/** `version --short` of a compose command, or undefined when it is not installed or fails. */
async function versionOf(run: CommandRunner, command: readonly string[]): Promise<string | undefined> {
  try {
    const result = await run([...command, "version", "--short"]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES") return undefined;
    throw error;
  }
}
