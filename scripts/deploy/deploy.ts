import type { ECSClient } from "@aws-sdk/client-ecs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BerthError, isUserError } from "../../stacks/errors";
import type { ResolvedConfig, Target } from "../../stacks/spec/resolve";
import { stackName } from "../../stacks/naming";
import { definitionsOf, type DeployTools, type StableEcsService } from "../../stacks/targets";
import { awsError } from "../aws/errors";
import { publish, type ImageOutcome, type PublishDeps } from "../images/publish";
import { describeImage } from "../images/report";
import { Interrupted, withDetail } from "../interrupt";
import { refuseBlockingFindings } from "../policy/gate";
import { sleep as realSleep, type RetryPolicy } from "../retry";
import { formatSummary, synthConfig } from "../synth/synth";
import { cdktfDeployArgv, readOutputs, runCdktfDeploy, type StackOutputs } from "./cdktf";
import { waitForServiceStable } from "./wait-for-service";

export interface DeployDeps extends PublishDeps {
  readonly ecs: ECSClient;
  /** The cdktf binary (cdktfBinary()). */
  readonly cdktf: string;
  /** Milliseconds since the epoch. @default Date.now */
  readonly clock?: () => number;
  /** Between ECS polls. @default 15000 */
  readonly pollMs?: number;
}

export interface DeployOptions {
  /** Spec path as the user gave it (for messages). */
  readonly specPath: string;
  /** Where the stacks are synthesized (absolute). */
  readonly outdir: string;
  /** Pass --auto-approve to cdktf (CI). */
  readonly autoApprove: boolean;
  /** Print the steps, with image tags and skip decisions, and change nothing. */
  readonly dryRun: boolean;
  /** Whether a person can answer cdktf's approval prompt (stdin and stdout are a terminal). */
  readonly terminal: boolean;
  /** stdout is reserved for --json: cdktf's prompt cannot use it. */
  readonly json: boolean;
  readonly waitTimeoutSeconds: number;
  readonly noCache?: boolean;
  readonly retry?: RetryPolicy;
}

export interface DeployResult {
  readonly account?: string;
  /** Each step, done or (dry run) planned. */
  readonly steps: readonly string[];
  readonly images: readonly ImageOutcome[];
  readonly outputs: StackOutputs;
  readonly service?: StableEcsService;
  /** The app's address(es), by target. */
  readonly urls: Readonly<Partial<Record<Target, string>>>;
}

/**
 * berth deploy: apply the registry stack, publish the images, synthesize with their digests,
 * apply the target stacks, and run each target's after-apply step (the Fargate service waits to be
 * stable). A failure says which steps were already done.
 */
export async function deploy(config: ResolvedConfig, deps: DeployDeps, options: DeployOptions): Promise<DeployResult> {
  if (!options.dryRun && !options.autoApprove && (options.json || !options.terminal)) {
    throw new BerthError(
      `berth deploy needs --auto-approve ${options.json ? "with --json (stdout carries the JSON, so cdktf cannot ask there)" : "when not run in a terminal (CI): cdktf cannot ask for approval"}.\n` +
        "Review the plan first (berth deploy --dry-run, npx cdktf diff), then run berth deploy --auto-approve.",
    );
  }
  const done: string[] = [];
  try {
    return await (options.dryRun ? plan(config, deps, options) : apply(config, deps, options, done));
  } catch (error) {
    if (!isUserError(error) || done.length === 0) throw error;
    throw withDetail(error, `Done before this failure: ${done.join("; ")}.`);
  }
}

async function apply(config: ResolvedConfig, deps: DeployDeps, options: DeployOptions, done: string[]): Promise<DeployResult> {
  const { progress } = deps;
  const clock = deps.clock ?? Date.now;
  const step = (text: string) => {
    done.push(text);
    progress.line(`✓ ${text}`);
  };
  const registry = stackName(config, "registry");
  const targets = config.targets.map((t) => stackName(config, t));

  // Everything that can be checked offline is, before AWS is touched: synth checks the images'
  // build contexts and platforms (imageSources), builds the stacks and runs the policy rules.
  refuseBlockingFindings(synthConfig(config, options.outdir).policy, options.specPath);
  const account = await callerAccount(config, deps);
  progress.line(`berth deploy: ${config.app} (${config.stage}, ${config.region}) to AWS account ${account}`);
  await runCdktfDeploy(deps.run, deps.cdktf, { stacks: [registry], outdir: options.outdir, autoApprove: options.autoApprove }, progress);
  step(`applied ${registry}`);

  const published = await publish(config, deps, { noCache: options.noCache, retry: options.retry });
  step(published.images.length > 0 ? `published ${published.images.map((i) => `${i.image} (${i.status})`).join(", ")}` : "no image to publish");

  const synthesized = synthConfig(config, options.outdir);
  progress.line(formatSummary(synthesized, options.specPath));
  const since = new Date(clock());
  const outputsDir = mkdtempSync(join(tmpdir(), "berth-deploy-"));
  let outputs: StackOutputs;
  try {
    const outputsFile = join(outputsDir, "outputs.json");
    await runCdktfDeploy(deps.run, deps.cdktf, { stacks: targets, outdir: options.outdir, autoApprove: options.autoApprove, outputsFile }, progress);
    outputs = readOutputs(outputsFile);
  } finally {
    rmSync(outputsDir, { recursive: true, force: true });
  }
  step(`applied ${targets.join(", ")}`);

  let service: DeployResult["service"];
  const tools: DeployTools = {
    waitTimeoutSeconds: options.waitTimeoutSeconds,
    async waitForEcsService(cluster, name) {
      progress.line(`waiting for ECS service ${cluster}/${name} to be stable (up to ${options.waitTimeoutSeconds} s)`);
      let stable;
      try {
        stable = await waitForServiceStable(
          { cluster, service: name, region: config.region, since, timeoutMs: options.waitTimeoutSeconds * 1000, pollMs: deps.pollMs },
          deps.ecs,
          { progress, sleep: deps.sleep ?? realSleep, now: clock },
        );
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error;
        throw withDetail(error, `berth stopped waiting for ECS service ${cluster}/${name}; ECS goes on with its deployment (the circuit breaker still rolls back a failing one). Watch it in the ECS console, or run berth deploy again to wait for it.`);
      }
      return { ...stable, cluster, name };
    },
  };
  for (const target of definitionsOf(config.targets)) {
    if (!target.afterApply) continue;
    const stack = stackName(config, target.id);
    const after = await target.afterApply.run(outputs[stack] ?? {}, stack, tools);
    service = after.service ?? service;
    step(after.step);
  }
  return { account, steps: done, images: published.images, outputs, service, urls: urlsOf(config, outputs) };
}

/** The steps apply() would take, with each image's tags and whether it would be skipped; changes nothing. */
async function plan(config: ResolvedConfig, deps: DeployDeps, options: DeployOptions): Promise<DeployResult> {
  const registry = stackName(config, "registry");
  const targets = config.targets.map((t) => stackName(config, t));
  // Synthesizing into a scratch folder checks the stacks offline without touching options.outdir.
  const scratch = mkdtempSync(join(tmpdir(), "berth-dry-run-"));
  try {
    refuseBlockingFindings(synthConfig(config, scratch).policy, options.specPath);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const account = await callerAccount(config, deps);
  const published = await publish(config, deps, { dryRun: true, repositoriesMayBeMissing: true });
  const argv = (stacks: string[], outputsFile?: string) =>
    cdktfDeployArgv(deps.cdktf, { stacks, outdir: options.outdir, autoApprove: options.autoApprove, outputsFile }).join(" ");
  const steps = [
    `synthesize ${config.app} (${config.stage}) into ${options.outdir}`,
    `apply the registry stack: ${argv([registry])}`,
    ...published.images.map((image) => `publish ${describeImage(image).replace(/\n/g, "\n   ")}`),
    "synthesize again, pinning the published digests",
    `apply the target stacks: ${argv(targets, "<temporary outputs file>")}`,
  ];
  for (const target of definitionsOf(config.targets)) if (target.afterApply) steps.push(target.afterApply.describe(options.waitTimeoutSeconds));
  steps.push(`print the app's URL (${definitionsOf(config.targets).map((t) => `${stackName(config, t.id)}.${t.urlOutput}`).join(", ")})`);
  return { account, steps, images: published.images, outputs: {}, urls: {} };
}

function urlsOf(config: ResolvedConfig, outputs: StackOutputs): Partial<Record<Target, string>> {
  const urls: Partial<Record<Target, string>> = {};
  for (const target of definitionsOf(config.targets)) {
    const url = outputs[stackName(config, target.id)]?.[target.urlOutput];
    if (typeof url === "string") urls[target.id] = url;
  }
  return urls;
}

/** The AWS account of the credentials: checks them before anything is applied, and names the account. */
async function callerAccount(config: ResolvedConfig, deps: DeployDeps): Promise<string | undefined> {
  try {
    return (await deps.sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    throw awsError(error, { service: "STS", operation: "GetCallerIdentity", region: config.region });
  }
}
