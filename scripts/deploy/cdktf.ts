import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BerthError } from "../../stacks/errors";
import type { CommandRunner } from "../command-runner";
import { Interrupted, withDetail } from "../interrupt";
import { berthRoot } from "../paths";
import type { Progress } from "../cli/progress";

/** Terraform outputs by stack, then by output name, as `cdktf deploy --outputs-file` writes them. */
export type StackOutputs = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface CdktfDeploy {
  readonly stacks: readonly string[];
  /** The synthesized Terraform JSON (cdktf deploy runs with --skip-synth on it). */
  readonly outdir: string;
  /** Apply without asking (CI); without it cdktf asks in the terminal for each stack. */
  readonly autoApprove: boolean;
  readonly outputsFile?: string;
}

/**
 * Where cdktf deploy runs: the current folder when it holds a cdktf.json (a user's project: berth
 * init writes one), else berth's own folder (a checkout's).
 */
export function cdktfProjectDir(cwd: string = process.cwd()): string {
  return existsSync(join(cwd, "cdktf.json")) ? cwd : berthRoot();
}

/** The cdktf CLI: `BERTH_CDKTF` when set, else the project's node_modules/.bin/cdktf, else berth's own. */
export function cdktfBinary(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.BERTH_CDKTF) return env.BERTH_CDKTF;
  const project = join(cdktfProjectDir(cwd), "node_modules", ".bin", "cdktf");
  return existsSync(project) ? project : join(berthRoot(), "node_modules", ".bin", "cdktf");
}

/** The argv of `cdktf deploy` for already synthesized stacks. */
export function cdktfDeployArgv(binary: string, request: CdktfDeploy): string[] {
  return [
    binary,
    "deploy",
    ...request.stacks,
    "--skip-synth",
    "--output",
    request.outdir,
    ...(request.autoApprove ? ["--auto-approve"] : []),
    ...(request.outputsFile ? ["--outputs-file", request.outputsFile] : []),
  ];
}

/**
 * Runs `cdktf deploy` from the project's folder (where cdktf.json is; cdktfProjectDir). With --auto-approve its output
 * streams through `progress`; without, cdktf gets the terminal so that it can ask for approval.
 */
export async function runCdktfDeploy(run: CommandRunner, binary: string, request: CdktfDeploy, progress: Progress): Promise<void> {
  const argv = cdktfDeployArgv(binary, request);
  // stdout and stderr interleaved as cdktf printed them: Terraform's error is among the last lines.
  const output: string[] = [];
  let result;
  try {
    result = await run(argv, {
      cwd: cdktfProjectDir(),
      interactive: !request.autoApprove,
      // Stopped, Terraform finishes its in-flight calls and writes its state; killing it would leave
      // the state locked and resources untracked. A second Ctrl-C/SIGTERM kills it (stopOnSignals).
      stopTimeoutMs: Number.POSITIVE_INFINITY,
      onLine: (line) => {
        output.push(line);
        progress.status("cdktf", line);
      },
    });
  } catch (error) {
    if (error instanceof Interrupted) {
      throw withDetail(error, `cdktf deploy ${request.stacks.join(" ")} was stopped: Terraform finishes the calls it has started and saves its state. Run berth deploy again to finish.`);
    }
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new BerthError(`The cdktf CLI was not found at ${binary}.\nInstall it in your project (npm i -D cdktf-cli@0.21; in berth's own checkout, npm ci), or set BERTH_CDKTF to the cdktf binary, and run again.`);
  }
  if (result.code !== 0) {
    const tail = failureLines(output);
    throw new BerthError(
      `cdktf deploy ${request.stacks.join(" ")} failed (exit ${result.code})${tail ? `:\n${tail}` : ""}\n` +
        "Fix what Terraform reports (it needs terraform >= 1.10 on the PATH, network access to its provider registry, and AWS credentials) and run berth deploy again.",
    );
  }
}

/** The last lines of cdktf's output without colour codes, each repeated warning kept once (at its last place). */
function failureLines(lines: readonly string[], count = 20): string {
  const plain = lines.map((line) => line.replace(/\x1b\[[0-9;]*m/g, "").trimEnd()).filter((line) => line.trim() !== "");
  const unique = plain.filter((line, i) => plain.lastIndexOf(line) === i);
  return unique.slice(-count).join("\n");
}

/** The outputs cdktf wrote; empty when it wrote none. */
export function readOutputs(file: string): StackOutputs {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as StackOutputs;
}
