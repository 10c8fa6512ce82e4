/**
 * `npm run bench:synth [runs]`: whole-process synth of the embedded example, as `npm run synth`
 * runs it, beside the same synth through `npx cdktf synth`, and of the examples of several services
 * (examples/shop on ec2, examples/market on both targets). Prints medians; asserts nothing.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { berthRoot } from "../paths";
import { runMain } from "../cli/run-main";
import { formatSample, measure, medians } from "./measure";

void runMain(() => {
  const root = berthRoot();
  const runs = Number(process.argv[2] ?? 7);
  const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
  const direct = [process.execPath, "scripts/bin/run-ts.mjs", "main.ts"];

  rmSync(join(root, ".berth", "build"), { recursive: true, force: true });
  const cold = measure(direct, { cwd: root, env });
  const warm = medians(direct, runs, { cwd: root, env });
  const cli = medians([join(root, "node_modules", ".bin", "cdktf"), "synth"], Math.max(3, Math.ceil(runs / 2)), { cwd: root, env });
  const services = medians([...direct, join("examples", "shop", "berth.config.ts")], runs, { cwd: root, env });
  const bothTargets = medians([...direct, join("examples", "market", "berth.config.ts")], runs, { cwd: root, env });

  console.log(`synth of examples/hello (median of ${runs} runs; targets: 0.5 s, 120 MiB)`);
  console.log(formatSample("npm run synth, first run (bundle built)", cold));
  console.log(formatSample(`npm run synth (median of ${runs})`, warm));
  console.log(formatSample("npx cdktf synth (median)", cli));
  console.log(`cdktf CLI / npm run synth: ${(cli.wallSeconds / warm.wallSeconds).toFixed(1)}x wall time`);
  console.log(`synth of examples/shop, 4 services on the ec2 target (targets: 0.6 s, 130 MiB)`);
  console.log(formatSample(`npm run synth -- examples/shop/berth.config.ts (median of ${runs})`, services));
  console.log(`synth of examples/market, 3 services on both targets (targets: 0.6 s, 130 MiB)`);
  console.log(formatSample(`npm run synth -- examples/market/berth.config.ts (median of ${runs})`, bothTargets));
});
