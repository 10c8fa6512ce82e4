import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import Module from "node:module";
import { dirname, join, resolve } from "node:path";
import { BerthError } from "../constructs/errors";
import { resolveConfig, type ResolvedConfig } from "../stacks/config/presets";
import { validateConfig } from "../stacks/config/validate";
import { bundleIfStale } from "./bin/bundle.cjs";
import { berthRoot } from "./paths";

/**
 * Loads a spec file (TypeScript or JavaScript), validates it and applies the stage presets.
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
  const exported = evaluate(file, specPath);
  return resolveConfig(validateConfig(exported, specPath), dirname(file));
}

function evaluate(file: string, specPath: string): unknown {
  const root = berthRoot();
  const outfile = join(root, ".berth", "build", "specs", `${createHash("sha256").update(file).digest("hex").slice(0, 16)}.cjs`);
  try {
    bundleIfStale(file, outfile, {
      // Packages resolve at run time, from the spec's folder first, then from berth's node_modules.
      packages: "external",
      alias: { berth: join(root, "stacks/config/index.ts") },
    });
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors ?? [];
    const detail = errors.map((e) => (e.location ? `line ${e.location.line}:${e.location.column}: ${e.text}` : e.text)).join("\n  ");
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
  return exports.default;
}
