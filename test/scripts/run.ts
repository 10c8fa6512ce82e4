import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <script> ...args` from the repository root, as a user would; killed after `timeoutMs`. */
export function runNode(script: string, args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60000): Run {
  const run = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: timeoutMs,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "berth-test-"));
}

/**
 * Writes a spec file with `body` into a fresh directory, beside an `app` build context holding a
 * Dockerfile (synth hashes the context of every image it builds), and returns the spec's path.
 */
export function writeSpec(body: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\n");
  const file = join(dir, "berth.config.ts");
  writeFileSync(file, body);
  return file;
}

/** A valid spec file body; `extra` is spliced into the object literal. */
export function specSource(extra = ""): string {
  return `import { defineConfig } from "berth";
export default defineConfig({
  app: "shop",
  region: "eu-west-1",
  targets: ["fargate"],
  image: { context: "./app" },
  port: 8080,
  fargate: { plainHttp: true },
  ${extra}
});
`;
}

/** True when the output carries a JavaScript stack trace. */
export function hasStackTrace(output: string): boolean {
  return /^\s+at .+\(.*:\d+:\d+\)$/m.test(output);
}
