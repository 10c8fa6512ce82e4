/**
 * The cdktf app (cdktf.json "app"): synthesizes the stacks of one spec.
 * Spec path: first argument, else BERTH_CONFIG, else the embedded example.
 * BERTH_STRICT=1 is the cdktf equivalent of `berth synth --strict` (spec warnings are errors);
 * CI=true with stage prod is strict too, unless BERTH_STRICT=0 (scripts/strict.ts).
 */
import { EXAMPLE_SPEC } from "./scripts/paths";
import { runMain } from "./scripts/cli/run-main";
import { strictSettings } from "./scripts/synth/strict";
import { formatSummary, synth } from "./scripts/synth/synth";

const specPath = process.argv[2] ?? process.env.BERTH_CONFIG ?? EXAMPLE_SPEC;
void runMain(() => {
  process.stdout.write(`${formatSummary(synth(specPath, undefined, strictSettings(false, process.env)), specPath)}\n`);
});
