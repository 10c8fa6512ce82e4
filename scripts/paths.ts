import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The berth checkout: the nearest parent of this file whose package.json is named "berth". */
export function berthRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "berth") return dir;
    if (dirname(dir) === dir) throw new Error(`berth: no package.json named "berth" above ${__dirname}`);
  }
}

/** The example app a fresh clone synthesizes. */
export const EXAMPLE_SPEC = "examples/hello/berth.config.ts";

/**
 * The spec a command reads without --config: BERTH_CONFIG, else berth.config.ts in the current
 * folder (a user's project); in berth's own checkout, which has none, the embedded example.
 */
export function defaultSpecPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.BERTH_CONFIG) return env.BERTH_CONFIG;
  if (!existsSync(join(cwd, "berth.config.ts")) && existsSync(join(cwd, EXAMPLE_SPEC))) return EXAMPLE_SPEC;
  return "berth.config.ts";
}
