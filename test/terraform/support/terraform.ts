import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The real Terraform CLI, offline: the AWS provider comes from a local mirror named by
 * BERTH_TF_PLUGIN_DIR (a `-plugin-dir` layout: registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>).
 * .ci/run finds the mirror and sets the variable; nothing here knows where it lives.
 */
export const PLUGIN_DIR_VARIABLE = "BERTH_TF_PLUGIN_DIR";

export interface TerraformTools {
  readonly pluginDir: string;
  /** The AWS provider version the mirror holds, e.g. "5.100.0". */
  readonly awsProviderVersion: string;
}

/** The mirror and terraform binary, or why they cannot be used (one line saying what to do). */
export function findTerraformTools(env: NodeJS.ProcessEnv = process.env): TerraformTools | string {
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", timeout: 30000, env: terraformEnv() });
  if (version.error || version.status !== 0) {
    return `terraform is not on PATH (${version.error?.message ?? version.stderr.trim()}): install Terraform 1.10 or later`;
  }
  const pluginDir = env[PLUGIN_DIR_VARIABLE];
  if (!pluginDir) {
    return `${PLUGIN_DIR_VARIABLE} is not set: point it at an offline provider mirror holding registry.terraform.io/hashicorp/aws/<version>/<os>_<arch> (.ci/run finds one with find)`;
  }
  const awsDir = join(pluginDir, "registry.terraform.io", "hashicorp", "aws");
  const versions = existsSync(awsDir) ? readdirSync(awsDir).filter((v) => /^\d+\.\d+\.\d+$/.test(v)) : [];
  if (versions.length === 0) return `${PLUGIN_DIR_VARIABLE}=${pluginDir} holds no hashicorp/aws provider (looked in ${awsDir})`;
  const newest = versions.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).at(-1)!;
  return { pluginDir, awsProviderVersion: newest };
}

/**
 * `describe` when terraform and the mirror are there. Without them the suite is skipped with the
 * reason printed, except under CI=true (or BERTH_REQUIRE_TERRAFORM=1), where it is one failing test
 * that says what is missing: CI may not skip the Terraform check.
 */
export function describeWithTerraform(name: string, body: (tools: TerraformTools) => void): void {
  const tools = findTerraformTools();
  if (typeof tools !== "string") {
    describe(name, () => body(tools));
    return;
  }
  if (process.env.CI === "true" || process.env.BERTH_REQUIRE_TERRAFORM === "1") {
    describe(name, () => {
      it("has terraform and the provider mirror (required under CI)", () => {
        throw new Error(`${name}: ${tools}`);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${name}: ${tools}. Set BERTH_REQUIRE_TERRAFORM=1 to make this a failure.`);
  describe.skip(name, () => body({ pluginDir: "", awsProviderVersion: "" }));
}

let cliConfig: string | undefined;

/**
 * Terraform's environment: no version checkpoint, no prompts, a CLI config of our own (empty), and
 * none of the caller's AWS_* variables or shared AWS config: every run here is offline against the
 * stand-in, and an AWS_PROFILE the files lack fails the provider's configuration, dummy keys or not.
 */
export function terraformEnv(): NodeJS.ProcessEnv {
  if (!cliConfig) {
    cliConfig = join(mkdtempSync(join(tmpdir(), "berth-tf-cli-")), "terraformrc");
    writeFileSync(cliConfig, "");
  }
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
  return {
    ...env,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    TF_CLI_CONFIG_FILE: cliConfig,
  };
}

export interface TerraformRun {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `terraform <args>` in `dir` (argv, no shell). */
export function terraform(dir: string, args: readonly string[], timeoutMs = 300000): Promise<TerraformRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args], { cwd: dir, env: terraformEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ args, code, stdout, stderr });
    });
  });
}

/** What the check writes beside the unchanged cdk.tf.json (see docs/terraform-check.md). */
export interface StackOverride {
  /** The mirror's AWS provider version, replacing the 6.x pin of @cdktf/provider-aws. */
  readonly awsProviderVersion: string;
  /** `provider.aws` settings: endpoints of the AWS stand-in, dummy credentials, skips. */
  readonly provider: Record<string, unknown>;
}

/**
 * A working copy of one synthesized stack, in a new folder under `root`: cdk.tf.json as synthesized, plus `berth_override.tf.json`
 * (Terraform merges `*_override.tf.json` files into the configuration, so diagnostics keep the line
 * numbers of cdk.tf.json) with the mirror's provider version, a local backend in the copy, and the
 * provider settings.
 */
export function stackWorkDir(root: string, stackJson: string, override: StackOverride): string {
  const dir = mkdtempSync(join(root, "stack-"));
  copyFileSync(stackJson, join(dir, "cdk.tf.json"));
  const content = {
    terraform: {
      required_providers: { aws: { source: "hashicorp/aws", version: override.awsProviderVersion } },
      // An override's backend replaces the original's: S3 state becomes a local file in the copy.
      backend: { local: { path: "terraform.tfstate" } },
    },
    provider: { aws: override.provider },
  };
  writeFileSync(join(dir, "berth_override.tf.json"), `${JSON.stringify(content, null, 2)}\n`);
  return dir;
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the result. */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
