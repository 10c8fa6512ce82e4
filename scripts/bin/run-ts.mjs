#!/usr/bin/env node
// Runs one of berth's TypeScript entry points: `node scripts/bin/run-ts.mjs main.ts [args...]`.
// The entry is bundled into .berth/build/ and the bundle is reused until an input changes: loading
// one file instead of hundreds of modules keeps a synth near 0.15 s, where a TypeScript loader
// alone takes 0.4 s.
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { bundleIfStale } = require("./bundle.cjs");

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/bin/run-ts.mjs <entry.ts> [args...]\n");
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// One bundle per entry: scripts/bench/synth.ts -> .berth/build/scripts__bench__synth.cjs
const outfile = join(root, ".berth", "build", relative(root, resolve(root, entry)).replace(/[\\/]/g, "__").replace(/\.[cm]?[jt]s$/, ".cjs"));
bundleIfStale(resolve(root, entry), outfile, {
  absWorkingDir: root,
  // esbuild ships a native binary; the spec loader uses it at run time.
  external: ["esbuild"],
});
process.argv = [process.argv[0], outfile, ...args];
require(outfile);
