import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runNode, specSource, tempDir, writeSpec } from "./run";

/** A file (not a folder) in a fresh directory. */
function aFile(): string {
  const file = join(tempDir(), "notes.txt");
  writeFileSync(file, "x");
  return file;
}

describe("berth synth", () => {
  it("synthesizes the spec given by --config into --out", () => {
    const out = join(tempDir(), "out");
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", writeSpec(specSource()), "--out", out]);
    expect(run.status).toBe(0);
    expect(existsSync(join(out, "stacks", "shop-dev-registry", "cdk.tf.json"))).toBe(true);
  });

  it("refuses an --out that is a file before synthesizing: one message, exit 1", () => {
    const out = aFile();
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", writeSpec(specSource()), "--out", out]);
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      "",
      `--out ${out}: is a file, not a folder; berth writes the stacks into a folder.\nPass a folder path (it is created if missing), e.g. --out cdktf.out, or move the file away.\n`,
    ]);
  });

  it("refuses an --out inside a file", () => {
    const file = aFile();
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", writeSpec(specSource()), "--out", join(file, "a", "out")]);
    expect([run.status, run.stderr]).toEqual([1, `--out ${file}/a/out: ${file} is a file, so no folder can be created in it.\nPass a path inside a folder, e.g. --out cdktf.out.\n`]);
  });

  it("refuses an --out whose parent folder does not exist, and creates nothing", () => {
    const missing = join(tempDir(), "missing");
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", writeSpec(specSource()), "--out", join(missing, "out")]);
    expect([run.status, run.stderr]).toEqual([
      1,
      `--out ${missing}/out: the folder ${missing} does not exist; berth creates only the last folder of --out.\nCreate it first (mkdir -p ${missing}) or pass a path inside an existing folder.\n`,
    ]);
    expect(existsSync(missing)).toBe(false);
  });

  it("fails on an unknown flag with usage help", () => {
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--confg", "x"]);
    expect([run.status, run.stderr]).toEqual([1, expect.stringContaining("error: unknown option '--confg'\n(Did you mean --config?)")]);
  });
});

describe("berth deploy", () => {
  it("refuses an --out that is a file before any step", () => {
    const out = aFile();
    const run = runNode("scripts/bin/berth.mjs", ["deploy", "--config", writeSpec(specSource()), "--out", out, "--dry-run"]);
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      "",
      `--out ${out}: is a file, not a folder; berth writes the stacks into a folder.\nPass a folder path (it is created if missing), e.g. --out cdktf.out, or move the file away.\n`,
    ]);
  });
});
