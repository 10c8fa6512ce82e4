// The esbuild options of berth's entry bundles: run-ts.mjs builds them from the sources in a
// checkout, and the package build (scripts/build/package.mjs) builds the CLI it ships with the same
// options, its peer dependencies left out.
"use strict";
const { dirname, join } = require("node:path");

/**
 * @param {string} root the berth checkout
 * @param {string} outdir the folder of the entry's index.mjs and its chunks
 * @returns {import("esbuild").BuildOptions}
 */
function entryBundleOptions(root, outdir) {
  return {
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
  };
}

module.exports = { entryBundleOptions };
