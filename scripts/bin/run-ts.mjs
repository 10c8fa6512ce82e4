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
bundleIfStale(resolve(root, entry), outfile, {
  absWorkingDir: root,
  // esbuild ships a native binary; the spec loader uses it at run time.
  external: ["esbuild"],
  // ES modules first (the AWS SDK ships both): esbuild then keeps only the commands berth sends.
  mainFields: ["module", "main"],
  // yaml's ES module build (its "browser" entry: the same code, no browser APIs) lets esbuild keep
  // only stringify's part; its CommonJS "node" entry would bring the whole library into every run.
  alias: { yaml: join(dirname(require.resolve("yaml/package.json")), "browser", "index.js"), archiver: join(root, "scripts", "bin", "archiver-stub.cjs") },
  format: "esm",
  minifyWhitespace: true,
  minifySyntax: true,
  splitting: true,
  outdir,
  entryNames: "index",
  chunkNames: "chunk-[hash]",
  outExtension: { ".js": ".mjs" },
  // The CommonJS packages bundled in (cdktf, the AWS SDK) call require and read __dirname.
  banner: {
    js: [
      'import { createRequire as __berthCreateRequire } from "node:module";',
      'import { fileURLToPath as __berthFileURLToPath } from "node:url";',
      'import { dirname as __berthDirname } from "node:path";',
      "const require = __berthCreateRequire(import.meta.url);",
      "const __filename = __berthFileURLToPath(import.meta.url);",
      "const __dirname = __berthDirname(__filename);",
    ].join("\n"),
  },
});
// Node >= 22.1 keeps V8's compiled code on disk: later runs skip most of the bundle's compile time.
module.enableCompileCache?.(join(root, ".berth", "compile-cache"));
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
