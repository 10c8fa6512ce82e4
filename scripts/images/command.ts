import { awsClients } from "../aws/clients";
import { loadConfig } from "../synth/load-config";
import { streamProgress } from "../cli/progress";
import { stoppable } from "../cli/stoppable";
import { writeResult } from "../cli/write-result";
import { publish } from "./publish";
import { formatPublish } from "./report";

export interface PublishCommandOptions {
  readonly config: string;
  readonly dryRun?: boolean;
  /** false for --no-cache. */
  readonly cache?: boolean;
  readonly json?: boolean;
}

/**
 * `berth publish`: progress on stderr; the result (text or --json) on stdout. SIGINT/SIGTERM stop
 * docker and report what was published and what was not.
 */
export async function publishCommand(opts: PublishCommandOptions): Promise<void> {
  const dryRun = opts.dryRun === true;
  await writeResult(opts.json === true, async () => {
    const config = loadConfig(opts.config);
    const header = `berth publish${dryRun ? " --dry-run" : ""}: ${config.app} (${config.stage}, ${config.region}) from ${opts.config}`;
    const progress = streamProgress();
    const { ecr, sts } = awsClients(config.region);
    try {
      const result = await stoppable(
        (line) => progress.line(line),
        (tools) => publish(config, { ecr, sts, progress, ...tools }, { dryRun, noCache: opts.cache === false }),
      );
      return { json: { dryRun, ...result }, text: formatPublish(result, header, dryRun) };
    } finally {
      ecr.destroy();
      sts.destroy();
    }
  });
}
