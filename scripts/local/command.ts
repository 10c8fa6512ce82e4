import { streamProgress } from "../cli/progress";
import { stoppable } from "../cli/stoppable";
import { writeResult } from "../cli/write-result";
import { loadConfig } from "../synth/load-config";
import { down } from "./down";
import { up } from "./up";

/** `berth up`: progress on stderr; where the app runs (text or --json) on stdout. */
export async function upCommand(opts: { config: string; port?: number; secretsFile?: string; cache: boolean; json?: boolean }): Promise<void> {
  await writeResult(opts.json === true, async () => {
    const config = loadConfig(opts.config);
    const progress = streamProgress();
    const result = await stoppable(
      (line) => progress.line(line),
      ({ run }) => up(config, { hostPort: opts.port, secretsFile: opts.secretsFile, noCache: opts.cache === false }, { run, progress }),
    );
    const text = [
      `berth up: ${config.app} (${config.stage}) runs on this machine with ${result.compose}`,
      `  app:     ${result.url}`,
      ...result.images.map((i) => `  image:   ${i.service} ${i.image}${i.built ? " (built here)" : ""}`),
      `  project: ${result.project} (${result.composeFile})`,
      "  stop:    berth down (add --volumes to delete the app's data too)",
    ].join("\n");
    return { json: result, text };
  });
}

/** `berth down`. */
export async function downCommand(opts: { config: string; volumes?: boolean; json?: boolean }): Promise<void> {
  await writeResult(opts.json === true, async () => {
    const config = loadConfig(opts.config);
    const progress = streamProgress();
    const result = await stoppable((line) => progress.line(line), ({ run }) => down(config, { volumes: opts.volumes }, { run }));
    const kept = result.volumesRemoved ? "its volumes were deleted" : "its volumes are kept (berth down --volumes deletes them)";
    return { json: result, text: `berth down: ${result.project} stopped and removed with ${result.compose}; ${kept}` };
  });
}
