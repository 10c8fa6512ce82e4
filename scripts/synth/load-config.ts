import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import Module from "node:module";
import { dirname, join, resolve } from "node:path";
import { BerthError } from "../../stacks/errors";
import { resolveConfig, type ResolvedConfig } from "../../stacks/spec/resolve";
import { validateConfig } from "../../stacks/spec/validate";
import { bundleIfStale } from "../bin/bundle.cjs";
import { berthRoot } from "../paths";
import { withComposeServices } from "./compose/spec";

/**
 * Loads a spec file (TypeScript or JavaScript), reads the compose file it names (`compose:`), validates
 * it and applies the stage presets.
 * The file is bundled with esbuild (as vite does with its config) and the bundle cached in .berth/build,
 * so `import { defineConfig } from "berth"` and relative imports work without a TypeScript loader.
 */
export function loadConfig(specPath: string): ResolvedConfig {
  const file = resolve(specPath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new BerthError(
      `Spec file not found: ${specPath} (resolved to ${file}).\n` +
        "Pass the path of your berth.config.ts (berth synth --config path/to/berth.config.ts, or BERTH_CONFIG=path for cdktf).",
    );
  }
  const exported = withComposeServices(evaluate(file, specPath), file);
  return resolveConfig(validateConfig(exported, specPath), dirname(file));
}

function evaluate(file: string, specPath: string): unknown {
  const root = berthRoot();
  // Beside the spec (its project's .berth, as images.json), never inside an installed berth.
  const outfile = join(dirname(file), ".berth", "build", "specs", `${createHash("sha256").update(file).digest("hex").slice(0, 16)}.cjs`);
  // In a checkout, "berth" is its own source; installed, the package's entry, found at run time.
  const source = join(root, "stacks", "spec", "index.ts");
  try {
    bundleIfStale(file, outfile, {
      // Packages resolve at run time, from the spec's folder first, then from berth's node_modules.
      packages: "external",
      ...(existsSync(source) ? { alias: { berth: source } } : {}),
    });
  } catch (error) {
    const errors = (error as { errors?: CompileError[] }).errors ?? [];
    const detail = errors.map((e) => describeCompileError(e, file, specPath)).join("\n  ");
    throw new BerthError(`Could not compile the spec ${specPath}:\n  ${detail || String(error)}\nFix the syntax error and run again.`);
  }
  const mod = new Module(file);
  mod.filename = file;
  const nodeModulePaths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths;
  mod.paths = [...nodeModulePaths(dirname(file)), ...nodeModulePaths(root)];
  try {
    (mod as unknown as { _compile(code: string, filename: string): void })._compile(readFileSync(outfile, "utf8"), file);
  } catch (error) {
    throw new BerthError(`The spec ${specPath} threw while loading: ${(error as Error).message}\nFix the spec and run again.`);
  }
  const exports = mod.exports as { default?: unknown };
  if (exports.default === undefined) {
    throw new BerthError(`The spec ${specPath} has no default export.\nWrite: export default defineConfig({ ... })`);
  }
  if (typeof exports.default === "function") {
    throw new BerthError(
      `The spec ${specPath} exports a function as its default export; berth needs the spec object itself, as defineConfig returns it, and does not call functions.\n` +
        "Write: export default defineConfig({ ... }) (if a function computes the spec, call it there: export default defineConfig(makeSpec()))",
    );
  }
  if (exports.default instanceof Promise) {
    // Its outcome is not wanted; a rejection left unhandled would end the process with a stack trace.
    exports.default.catch(() => undefined);
    throw new BerthError(
      `The spec ${specPath} exports a Promise as its default export (an async function's result); berth needs the spec object itself, as defineConfig returns it, and reads the spec without waiting.\n` +
        "Compute the values without await (e.g. readFileSync instead of readFile) and write: export default defineConfig({ ... })",
    );
  }
  return exports.default;
}

/** An esbuild message. */
interface CompileError {
  readonly text: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number; readonly lineText: string } | null;
}

/** `berth.config.ts:2:15: Expected identifier but found ","`, then the line with a caret under the column. */
function describeCompileError(error: CompileError, file: string, specPath: string): string {
  const at = error.location;
  if (!at) return error.text;
  // esbuild names files relative to the working directory and counts columns from 0; editors from 1.
  const where = resolve(at.file) === file ? specPath : at.file;
  return `${where}:${at.line}:${at.column + 1}: ${error.text}\n    ${at.lineText}\n    ${" ".repeat(at.column)}^`;
}
