import { mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleIfStale } from "../../../scripts/bin/bundle.cjs";
import { tempDir } from "../run";

/** A project with an entry importing a local module and a package, and node_modules/.package-lock.json. */
function project() {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules", "pkg"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "pkg", "index.js"), "module.exports = 'pkg';\n");
  writeFileSync(join(dir, "node_modules", ".package-lock.json"), "{}\n");
  writeFileSync(join(dir, "dep.ts"), "export const value = 'one';\n");
  writeFileSync(join(dir, "entry.ts"), "import { value } from './dep';\nimport pkg from 'pkg';\nconsole.log(value, pkg);\n");
  return dir;
}

/** Sets a file's times `seconds` from now. */
const age = (file: string, seconds: number) => {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(file, at, at);
};

describe("bundleIfStale", () => {
  it("reuses the bundle while no input is newer: the file is not rewritten", () => {
    const dir = project();
    const out = bundleIfStale(join(dir, "entry.ts"), join(dir, "out", "entry.cjs"), { absWorkingDir: dir });
    age(out, 60);
    const builtAt = statSync(out).mtimeMs;
    bundleIfStale(join(dir, "entry.ts"), out, { absWorkingDir: dir });
    expect(statSync(out).mtimeMs).toBe(builtAt);
  });

  it("rebuilds when an imported file changes", () => {
    const dir = project();
    const out = bundleIfStale(join(dir, "entry.ts"), join(dir, "out", "entry.cjs"), { absWorkingDir: dir });
    writeFileSync(join(dir, "dep.ts"), "export const value = 'two';\n");
    age(join(dir, "dep.ts"), 60);
    bundleIfStale(join(dir, "entry.ts"), out, { absWorkingDir: dir });
    expect(readFileSync(out, "utf8")).toContain('"two"');
  });

  it("rebuilds when the build options change, with no input newer", () => {
    const dir = project();
    const out = bundleIfStale(join(dir, "entry.ts"), join(dir, "out", "entry.cjs"), { absWorkingDir: dir });
    age(out, 60);
    bundleIfStale(join(dir, "entry.ts"), out, { absWorkingDir: dir, banner: { js: "// second build" } });
    expect(readFileSync(out, "utf8")).toContain("// second build");
  });

  it("counts the packages of node_modules as its .package-lock.json, not file by file", () => {
    const dir = project();
    const out = bundleIfStale(join(dir, "entry.ts"), join(dir, "out", "entry.cjs"), { absWorkingDir: dir });
    const { inputs } = JSON.parse(readFileSync(`${out}.inputs.json`, "utf8")) as { inputs: string[] };
    expect(inputs.sort()).toEqual([join(dir, "dep.ts"), join(dir, "entry.ts"), join(dir, "node_modules", ".package-lock.json")]);
  });

  it("rebuilds after an npm install (a newer .package-lock.json)", () => {
    const dir = project();
    const out = bundleIfStale(join(dir, "entry.ts"), join(dir, "out", "entry.cjs"), { absWorkingDir: dir });
    writeFileSync(join(dir, "node_modules", "pkg", "index.js"), "module.exports = 'pkg-2';\n");
    age(join(dir, "node_modules", ".package-lock.json"), 60);
    bundleIfStale(join(dir, "entry.ts"), out, { absWorkingDir: dir });
    expect(readFileSync(out, "utf8")).toContain("pkg-2");
  });

  it("with outdir, removes the chunks a rebuild replaced once they are a day old, and keeps younger ones", () => {
    const dir = project();
    const outdir = join(dir, "out");
    mkdirSync(outdir);
    writeFileSync(join(outdir, "chunk-OLD.mjs"), "");
    writeFileSync(join(outdir, "chunk-RECENT.mjs"), "");
    age(join(outdir, "chunk-OLD.mjs"), -25 * 3600);
    age(join(outdir, "chunk-RECENT.mjs"), -23 * 3600);
    bundleIfStale(join(dir, "entry.ts"), join(outdir, "index.mjs"), { absWorkingDir: dir, format: "esm", splitting: true, outdir, entryNames: "index", outExtension: { ".js": ".mjs" } });
    expect(readdirSync(outdir).filter((name) => name.startsWith("chunk-"))).toEqual(["chunk-RECENT.mjs"]);
  });
});
