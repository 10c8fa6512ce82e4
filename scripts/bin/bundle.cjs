// Bundles a TypeScript or JavaScript entry with esbuild into a CommonJS file and reuses that file
// until one of its inputs changes. Used by run-ts.mjs (berth's own entry points) and by the spec
// loader (users' berth.config.ts), so neither pays for a TypeScript loader on every run.
"use strict";
const { buildSync } = require("esbuild");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { dirname, resolve } = require("node:path");

/**
 * @param {string} entry absolute path of the entry file
 * @param {string} outfile absolute path of the bundle to write
 * @param {import("esbuild").BuildOptions} options extra esbuild options
 * @returns {string} outfile
 */
function bundleIfStale(entry, outfile, options) {
  const inputsFile = `${outfile}.inputs.json`;
  if (isFresh(outfile, inputsFile, entry)) return outfile;
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // A linked map costs nothing unless NODE_OPTIONS=--enable-source-maps asks for it.
    sourcemap: "linked",
    metafile: true,
    write: false,
    outfile,
    logLevel: "silent",
    ...options,
  });
  mkdirSync(dirname(outfile), { recursive: true });
  const workingDir = options.absWorkingDir ?? process.cwd();
  const inputs = Object.keys(result.metafile.inputs).map((file) => resolve(workingDir, file));
  // The bundle is written last and each file is renamed into place: a parallel run never loads a
  // half-written bundle, and a bundle is never newer than an inputs list that does not describe it.
  for (const file of result.outputFiles.filter((f) => f.path !== outfile)) writeAtomically(file.path, file.contents);
  writeAtomically(inputsFile, JSON.stringify({ entry, inputs }));
  writeAtomically(outfile, result.outputFiles.find((f) => f.path === outfile).contents);
  return outfile;
}

function isFresh(outfile, inputsFile, entry) {
  try {
    const builtAt = statSync(outfile).mtimeMs;
    const recorded = JSON.parse(readFileSync(inputsFile, "utf8"));
    return recorded.entry === entry && recorded.inputs.every((file) => statSync(file).mtimeMs <= builtAt);
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
