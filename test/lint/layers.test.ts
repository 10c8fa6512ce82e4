import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../scripts/run";

const root = join(__dirname, "..", "..");

/** The rule names dependency-cruiser reports, with the project's config, for a tree of `files`. */
function violations(files: Record<string, string>): string[] {
  const dir = tempDir();
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", strict: true } }));
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), code);
  }
  const cli = join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
  const layers = ["constructs", "stacks", "scripts"];
  for (const layer of layers) mkdirSync(join(dir, layer), { recursive: true });
  const run = spawnSync(process.execPath, [cli, ...layers, "--config", join(root, ".dependency-cruiser.cjs"), "--output-type", "json"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (run.stdout.trim() === "") throw new Error(`dependency-cruiser printed nothing (exit ${run.status}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return result.summary.violations.map((v) => v.rule.name).sort();
}

describe("the layer rules (.dependency-cruiser.cjs, run by npm run lint)", () => {
  it("refuse a cycle of run-time imports", () => {
    expect(violations({ "stacks/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n', "stacks/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n' })).toEqual(["no-cycles"]);
  });

  it("allow a cycle through a type-only import", () => {
    expect(violations({ "stacks/a.ts": 'import type { B } from "./b";\nexport type A = B;\n', "stacks/b.ts": 'import { a } from "./a";\nexport const b = a;\nexport type B = number;\n' })).toEqual([]);
  });

  it("refuse constructs/ importing stacks/", () => {
    expect(violations({ "constructs/x.ts": 'import { y } from "../stacks/y";\nexport const x = y;\n', "stacks/y.ts": "export const y = 1;\n" })).toEqual(["constructs-are-a-library"]);
  });

  it("refuse stacks/ importing scripts/", () => {
    expect(violations({ "stacks/x.ts": 'import { y } from "../scripts/y";\nexport const x = y;\n', "scripts/y.ts": "export const y = 1;\n" })).toEqual(["stacks-below-scripts"]);
  });

  it("allow scripts/ importing stacks/ and constructs/", () => {
    expect(violations({ "scripts/x.ts": 'import { y } from "../stacks/y";\nimport { z } from "../constructs/z";\nexport const x = [y, z];\n', "stacks/y.ts": "export const y = 1;\n", "constructs/z.ts": "export const z = 1;\n" })).toEqual([]);
  });
});
