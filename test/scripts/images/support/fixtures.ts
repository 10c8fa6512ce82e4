import { ECRClient } from "@aws-sdk/client-ecr";
import { STSClient } from "@aws-sdk/client-sts";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand, type CommandRunner } from "../../../../scripts/command-runner";
import type { ImageOutcome, PublishDeps } from "../../../../scripts/images/publish";
import type { Progress } from "../../../../scripts/cli/progress";
import { ROOT, tempDir, type Run } from "../../run";
import { startFakeEcr, startRegistry, type FakeEcr, type LocalRegistry } from "./local-ecr";

/** The tags an outcome's image has (in ECR) or would get (would-push). */
export function tagsOf(outcome: ImageOutcome): readonly string[] {
  return (outcome.status === "would-push" ? outcome.planned : outcome.published).tags;
}

/** The digest of an outcome's image in ECR; undefined for would-push. */
export function digestOf(outcome: ImageOutcome): string | undefined {
  return outcome.status === "would-push" ? undefined : outcome.published.digest;
}

/** Progress that keeps its lines for assertions. */
export function recordingProgress(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return { lines, line: (text) => lines.push(text), status: (step, detail) => lines.push(`${step} | ${detail}`) };
}

/** The real command runner, recording each argv it runs. */
export function recordingRunner(): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  const run: CommandRunner = (argv, options) => {
    calls.push([...argv]);
    return runCommand(argv, options);
  };
  return Object.assign(run, { calls });
}

/** The docker subcommands among recorded calls, e.g. ["build", "push"]. */
export function dockerSubcommands(calls: readonly string[][]): string[] {
  return calls.filter((argv) => argv[0] === (process.env.BERTH_DOCKER || "docker")).map((argv) => argv[1]!);
}

/** Real AWS SDK clients (endpoints and credentials from the environment), a recording runner and progress. */
export function realDeps(region = "eu-west-1"): PublishDeps & { run: CommandRunner & { calls: string[][] }; progress: Progress & { lines: string[] } } {
  return { ecr: new ECRClient({ region }), sts: new STSClient({ region }), run: recordingRunner(), progress: recordingProgress() };
}

/** A build context with a FROM-scratch Dockerfile (nothing to pull), in a git repository with one commit; returns the spec path. */
export function appWithSpec(app: string, nonce: string): { dir: string; spec: string } {
  const dir = tempDir();
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\nCOPY index.html /www/index.html\n");
  writeFileSync(join(dir, "app", "index.html"), `<p>${nonce}</p>\n`);
  writeFileSync(join(dir, "app", ".dockerignore"), "notes.txt\n");
  writeFileSync(join(dir, "app", "notes.txt"), "not part of the image\n");
  const spec = join(dir, "berth.config.ts");
  writeFileSync(
    spec,
    `import { defineConfig } from "berth";
export default defineConfig({
  app: "${app}",
  region: "eu-west-1",
  targets: ["fargate"],
  image: { context: "./app", platform: "linux/amd64" },
  port: 8080,
  fargate: { plainHttp: true },
  // A test app without a domain; berth deploy refuses plain HTTP unless the rule is suppressed.
  policy: { suppress: [{ rule: "https-only", reason: "test app without a domain" }] },
});
`,
  );
  writeFileSync(join(dir, ".gitignore"), ".berth/\n");
  for (const args of [["init", "-q"], ["add", "."], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "app"]]) {
    const git = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    if (git.status !== 0) throw new Error(`git ${args.join(" ")}: ${git.stderr}`);
  }
  return { dir, spec };
}

/** `node scripts/bin/berth.mjs ...args` without blocking this process (whose fake ECR must keep answering). */
export function runBerth(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts/bin/berth.mjs"), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The message of the error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** A local registry, a fake ECR in front of it, and an app's spec folder (appWithSpec). */
export interface RegistryApp {
  readonly registry: LocalRegistry;
  readonly ecr: FakeEcr;
  readonly dir: string;
  readonly spec: string;
}

/** Starts a registry and a fake ECR holding `<app>-dev/web` (its endpoints set in process.env), and writes the app. */
export async function startRegistryApp(app: string): Promise<RegistryApp> {
  const registry = await startRegistry();
  const ecr = await startFakeEcr(registry, [`${app}-dev/web`]);
  Object.assign(process.env, ecr.env());
  return { registry, ecr, ...appWithSpec(app, app) };
}

/** Stops what startRegistryApp started (either may be missing when it failed) and removes the app's images from the engine. */
export async function stopRegistryApp(app: string, started: Partial<Pick<RegistryApp, "registry" | "ecr">>): Promise<void> {
  await started.ecr?.stop();
  await started.registry?.stop();
  const images = spawnSync("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}", "--filter", `reference=*/${app}-dev/web`], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  if (images.length > 0) spawnSync("docker", ["rmi", "--force", ...images]);
}
