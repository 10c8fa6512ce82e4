// Bundles a TypeScript or JavaScript entry with esbuild (into one CommonJS file, or with
// `splitting` and `outdir` into an ES module and the chunks it imports) and reuses the bundle
// until one of its inputs changes. Used by run-ts.mjs (berth's own entry points) and by the spec
// loader (users' berth.config.ts), so neither pays for a TypeScript loader on every run.
"use strict";
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { dirname, join, resolve, sep } = require("node:path");

/**
 * @param {string} entry absolute path of the entry file
 * @param {string} outfile absolute path of the bundle to write (with `outdir`: the entry's output in it)
 * @param {import("esbuild").BuildOptions} options extra esbuild options
 * @returns {string} outfile
 */
function bundleIfStale(entry, outfile, options) {
  const inputsFile = `${outfile}.inputs.json`;
  // The options count too: a berth upgrade that changes how a bundle is built rebuilds it.
  const settings = JSON.stringify(options);
  if (isFresh(outfile, inputsFile, entry, settings)) return outfile;
  // Loaded only to rebuild: a fresh bundle costs a few stat calls.
  const result = require("esbuild").buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // A linked map costs nothing unless NODE_OPTIONS=--enable-source-maps asks for it.
    sourcemap: "linked",
    metafile: true,
    write: false,
    ...(options.outdir ? {} : { outfile }),
    logLevel: "silent",
    ...options,
  });
  mkdirSync(dirname(outfile), { recursive: true });
  const workingDir = options.absWorkingDir ?? process.cwd();
  const inputs = freshnessInputs(Object.keys(result.metafile.inputs).map((file) => resolve(workingDir, file)));
  // The bundle is written last and each file is renamed into place: a parallel run never loads a
  // half-written bundle, and a bundle is never newer than an inputs list that does not describe it.
  for (const file of result.outputFiles.filter((f) => f.path !== outfile)) writeAtomically(file.path, file.contents);
  writeAtomically(inputsFile, JSON.stringify({ entry, settings, inputs }));
  writeAtomically(outfile, result.outputFiles.find((f) => f.path === outfile).contents);
  if (options.outdir) removeOldChunks(options.outdir, new Set(result.outputFiles.map((f) => f.path)));
  return outfile;
}

/** A day after a rebuild, the chunks it replaced: a run started before it may still import them until then. */
function removeOldChunks(outdir, current) {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(outdir)) {
    const file = join(outdir, name);
    if (name.startsWith("chunk-") && !current.has(file) && statSync(file).mtimeMs < dayAgo) rmSync(file, { force: true });
  }
}

/**
 * The files whose change makes a bundle stale: the inputs, except that the packages of a
 * node_modules folder count as its .package-lock.json, which npm rewrites on every install (a
 * freshness check then stats a few dozen files instead of a thousand).
 */
function freshnessInputs(inputs) {
  const files = new Set();
  for (const file of inputs) {
    const at = file.indexOf(`${sep}node_modules${sep}`);
    const lock = at < 0 ? undefined : join(file.slice(0, at), "node_modules", ".package-lock.json");
    files.add(lock && existsSync(lock) ? lock : file);
  }
  return [...files];
}

function isFresh(outfile, inputsFile, entry, settings) {
  try {
    const builtAt = statSync(outfile).mtimeMs;
    const recorded = JSON.parse(readFileSync(inputsFile, "utf8"));
    return recorded.entry === entry && recorded.settings === settings && recorded.inputs.every((file) => statSync(file).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

module.exports = { bundleIfStale };
