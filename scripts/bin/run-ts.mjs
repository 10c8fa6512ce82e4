#!/usr/bin/env node
// Runs one of berth's TypeScript entry points: `node scripts/bin/run-ts.mjs main.ts [args...]`.
// The entry is bundled into .berth/build/ and the bundle is reused until an input changes: loading
// a few files instead of hundreds of modules keeps a synth near 0.15 s, where a TypeScript loader
// alone takes 0.4 s.
import module, { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { bundleIfStale } = require("./bundle.cjs");
const { entryBundleOptions } = require("./bundle-options.cjs");

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/bin/run-ts.mjs <entry.ts> [args...]\n");
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// One folder per entry: scripts/cli/berth.ts -> .berth/build/scripts__cli__berth/index.mjs, beside
// the chunks its dynamic imports load on demand (berth publish never reads cdktf's chunk).
const outdir = join(root, ".berth", "build", relative(root, resolve(root, entry)).replace(/[\\/]/g, "__").replace(/\.[cm]?[jt]s$/, ""));
const outfile = join(outdir, "index.mjs");
bundleIfStale(resolve(root, entry), outfile, entryBundleOptions(root, outdir));
// Node >= 22.1 keeps V8's compiled code on disk: later runs skip most of the bundle's compile time.
module.enableCompileCache?.(join(root, ".berth", "compile-cache"));
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
