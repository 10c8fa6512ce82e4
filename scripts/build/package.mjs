#!/usr/bin/env node
// `npm run build` (and `npm pack`, through prepack): the package's dist/ folder, what users install.
//   dist/cli/index.mjs   the `berth` command: scripts/cli/berth.ts bundled with run-ts's options
//   dist/lib/**          the library (tsc: CommonJS and declarations, one file per source, so that
//                        berth/constructs and berth/stacks share one copy of each class): berth
//                        (defineConfig), berth/constructs, berth/stacks
// The library requires cdktf, constructs and @cdktf/provider-aws, peer dependencies: a user's own
// cdktf app and berth's constructs must share one copy (a construct of one copy cannot be added to
// a scope of another). The CLI bundles the parts of them it uses, as run-ts does in a checkout: it
// synthesizes its own app, and loading them file by file from node_modules made a synth 0.5 s slower.
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
rmSync(dist, { recursive: true, force: true });

const cli = entryBundleOptions(root, join(dist, "cli"));
await build({
  ...cli,
  entryPoints: [join(root, "scripts/cli/berth.ts")],
  bundle: true,
  platform: "node",
  target: "node20",
  // npm links the bin as is: without the line, a shell would run the module.
  banner: { js: `#!/usr/bin/env node\n${cli.banner.js}` },
  logLevel: "warning",
});

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
