/**
 * The cdktf app (cdktf.json "app"): synthesizes the stacks of one spec.
 * Spec path: first argument, else BERTH_CONFIG, else the embedded example.
 */
import { EXAMPLE_SPEC } from "./scripts/paths";
import { runMain } from "./scripts/run-main";
import { formatSummary, synth } from "./scripts/synth";

const specPath = process.argv[2] ?? process.env.BERTH_CONFIG ?? EXAMPLE_SPEC;
void runMain(() => {
  process.stdout.write(`${formatSummary(synth(specPath), specPath)}\n`);
});
