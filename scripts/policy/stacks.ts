import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BerthError } from "../../stacks/errors";
import type { Suppression, SynthesizedStack } from "../../stacks/policy/run";
import type { TerraformJson } from "../../stacks/policy/types";

/** The stacks cdktf wrote into `outdir`, as listed in its manifest.json. */
export function readStacks(outdir: string): SynthesizedStack[] {
  const manifestPath = join(outdir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new BerthError(`${outdir} holds no manifest.json, so it is not a synthesized output.\nRun berth synth (or npm run synth) first, or pass the folder it wrote with --out.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks).map(([name, stack]) => {
    const path = join(outdir, stack.synthesizedStackPath);
    return { name, path, json: JSON.parse(readFileSync(path, "utf8")) as TerraformJson };
  });
}

/** Beside the stacks, synth records the spec's suppressions, so that `berth check` on the output honours them. */
const SUPPRESSIONS_FILE = "berth-policy.json";

export function writeSuppressions(outdir: string, suppress: readonly Suppression[]): void {
  writeFileSync(join(outdir, SUPPRESSIONS_FILE), `${JSON.stringify({ suppress }, null, 2)}\n`);
}

/** The suppressions synth recorded in `outdir`; none for an output that cdktf synthesized some other way. */
export function readSuppressions(outdir: string): Suppression[] {
  const file = join(outdir, SUPPRESSIONS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { suppress: Suppression[] }).suppress : [];
}
