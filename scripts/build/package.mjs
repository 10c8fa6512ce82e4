#!/usr/bin/env node
// `npm run build` (and `npm pack`, through prepack): the package's dist/ folder, what users install.
//   dist/cli/index.mjs   the `berth` command: scripts/cli/berth.ts bundled with run-ts's options
//   dist/lib/**          the library (tsc: CommonJS and declarations, one file per source, so that
//                        berth/constructs and berth/stacks share one copy of each class): berth
//                        (defineConfig), berth/constructs, berth/stacks
// cdktf, constructs and @cdktf/provider-aws stay out of the CLI bundle and are required by the
// library: they are peer dependencies, so a user's own cdktf app and berth's constructs share one
// copy (a construct of one copy cannot be added to a scope of another).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const { entryBundleOptions } = require("../bin/bundle-options.cjs");

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const PEERS = ["cdktf", "constructs", "@cdktf/provider-aws"].flatMap((name) => [name, `${name}/*`]);

rmSync(dist, { recursive: true, force: true });

const cli = entryBundleOptions(root, join(dist, "cli"));
await build({
  ...cli,
  entryPoints: [join(root, "scripts/cli/berth.ts")],
  bundle: true,
  platform: "node",
  target: "node20",
  external: [...cli.external, ...PEERS],
  logLevel: "warning",
});

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
