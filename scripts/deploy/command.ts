import { ECSClient } from "@aws-sdk/client-ecs";
import { resolve } from "node:path";
import { awsClients } from "../aws/clients";
import { loadConfig } from "../synth/load-config";
import { streamProgress } from "../cli/progress";
import { stoppable } from "../cli/stoppable";
import { refuseWarnings, type StrictSettings } from "../synth/strict";
import { writeResult } from "../cli/write-result";
import { cdktfBinary } from "./cdktf";
import { deploy } from "./deploy";
import { formatDeploy } from "./report";

export interface DeployCommandOptions {
  readonly config: string;
  readonly out: string;
  readonly autoApprove?: boolean;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly waitTimeout: number;
  /** false for --no-cache. */
  readonly cache?: boolean;
  /** --strict, BERTH_STRICT and CI (strictSettings). */
  readonly strict: StrictSettings;
}

/**
 * `berth deploy`: progress on stderr; the steps and the app's URL (text or --json) on stdout.
 * SIGINT/SIGTERM stop docker and cdktf (Terraform finishes its in-flight calls) and report the steps done.
 */
export async function deployCommand(opts: DeployCommandOptions): Promise<void> {
  const dryRun = opts.dryRun === true;
  await writeResult(opts.json === true, async () => {
    const config = loadConfig(opts.config);
    // Before AWS is touched: a refused spec deploys nothing.
    refuseWarnings(config, opts.strict, opts.config);
    const clients = { ...awsClients(config.region), ecs: new ECSClient({ region: config.region }) };
    try {
      const progress = streamProgress();
      const result = await stoppable(
        (line) => progress.line(line),
        (tools) =>
          deploy(
            config,
            { ...clients, ...tools, progress, cdktf: cdktfBinary() },
            {
              specPath: opts.config,
              outdir: resolve(opts.out),
              autoApprove: opts.autoApprove === true,
              dryRun,
              terminal: process.stdin.isTTY === true && process.stdout.isTTY === true,
              json: opts.json === true,
              waitTimeoutSeconds: opts.waitTimeout,
              noCache: opts.cache === false,
            },
          ),
      );
      return { json: { dryRun, ...result }, text: formatDeploy(result, config, dryRun) };
    } finally {
      clients.ecr.destroy();
      clients.ecs.destroy();
      clients.sts.destroy();
    }
  });
}
