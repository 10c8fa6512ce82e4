import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runNode, specSource, tempDir, writeSpec } from "../run";

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

describe("spec warnings and strict mode", () => {
  /** Neither the caller's CI nor BERTH_STRICT may decide these tests. */
  const NOT_STRICT = { CI: "", BERTH_STRICT: "" };
  const WARNING =
    'environment.DB_PASSWORD: looks like a secret (its name ends in _PASSWORD) but is a plain value: it is stored in plain text in the ECS task definition and the Terraform state; put the value in SSM Parameter Store (SecureString) or Secrets Manager, remove it from environment and list it under secrets: { DB_PASSWORD: "arn:aws:ssm:eu-west-1:<account>:parameter/<name>" }';
  const refused = (spec: string, because: string, wayOut: string) =>
    `The spec ${spec} has 1 warning, which is an error ${because}:\n  ✖ ${WARNING}\nFix each as it says, or ${wayOut} to go ahead with the warnings; berth stopped before synthesizing anything.\n`;
  const specWithSecret = (stage = "dev") => writeSpec(specSource(`stage: "${stage}", environment: { DB_PASSWORD: "hunter2" },`));

  it("berth synth prints each warning in the summary and still synthesizes", () => {
    const out = join(tempDir(), "out");
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", specWithSecret(), "--out", out], NOT_STRICT);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")).toContain(`  warning: ${WARNING}`);
    expect(existsSync(join(out, "stacks", "shop-dev-fargate", "cdk.tf.json"))).toBe(true);
  });

  it("berth synth --strict refuses a spec with warnings: every warning with its path, exit 1, no stacks written", () => {
    const spec = specWithSecret();
    const out = join(tempDir(), "out");
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--strict", "--config", spec, "--out", out], NOT_STRICT);
    expect([run.status, run.stdout, run.stderr]).toEqual([1, "", refused(spec, "under --strict", "run without --strict")]);
    expect(existsSync(out)).toBe(false);
  });

  it("berth synth --strict passes a spec without warnings", () => {
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--strict", "--config", writeSpec(specSource()), "--out", join(tempDir(), "out")], NOT_STRICT);
    expect([run.status, run.stderr]).toEqual([0, ""]);
  });

  it("berth synth refuses a prod spec with warnings under CI=true, saying why it is strict", () => {
    const spec = specWithSecret("prod");
    const out = join(tempDir(), "out");
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", spec, "--out", out], { ...NOT_STRICT, CI: "true" });
    expect([run.status, run.stderr]).toEqual([1, refused(spec, "because CI=true and stage prod (berth is strict for prod in CI)", "set BERTH_STRICT=0")]);
    expect(existsSync(out)).toBe(false);
  });

  it("berth synth only warns for a prod spec under CI=true with BERTH_STRICT=0", () => {
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", specWithSecret("prod"), "--out", join(tempDir(), "out")], { CI: "true", BERTH_STRICT: "0" });
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")).toContain(`  warning: ${WARNING}`);
  });

  it("berth synth only warns for a dev spec under CI=true", () => {
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", specWithSecret("dev"), "--out", join(tempDir(), "out")], { ...NOT_STRICT, CI: "true" });
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")).toContain(`  warning: ${WARNING}`);
  });

  it("berth synth refuses a BERTH_STRICT value it does not know, before loading the spec", () => {
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", specWithSecret(), "--out", join(tempDir(), "out")], { CI: "", BERTH_STRICT: "yes" });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      "",
      'BERTH_STRICT="yes": must be 1 or true (spec warnings are errors), 0 or false (they are not, even for stage prod under CI=true), or unset.\nSet BERTH_STRICT to one of those values and run again.\n',
    ]);
  });

  it("berth deploy --strict refuses a spec with warnings before any step (no AWS call, nothing synthesized)", () => {
    const spec = specWithSecret();
    const out = join(tempDir(), "out");
    const run = runNode("scripts/bin/berth.mjs", ["deploy", "--strict", "--dry-run", "--config", spec, "--out", out], NOT_STRICT);
    expect([run.status, run.stdout, run.stderr]).toEqual([1, "", refused(spec, "under --strict", "run without --strict")]);
    expect(existsSync(out)).toBe(false);
  });
});

// TCP ports are 1-65535 (terraform-provider-aws validation.IsPortNumber; the same range binds locally).
describe("berth up --port", () => {
  it.each(["0", "65536", "80.5", "http"])("refuses %s with the allowed range, before loading the spec", (port) => {
    const run = runNode("scripts/bin/berth.mjs", ["up", "--config", "does-not-exist.ts", "--port", port]);
    expect([run.status, run.stderr]).toEqual([1, `error: option '-p, --port <port>' argument '${port}' is invalid. must be a whole number from 1 to 65535.\n(run berth --help for usage)\n`]);
  });
});

describe("berth down", () => {
  it("refuses a spec berth up has not run, in one message", () => {
    const spec = writeSpec(specSource());
    const run = runNode("scripts/bin/berth.mjs", ["down", "--config", spec]);
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      "",
      `Nothing to stop for shop (dev): ${join(spec, "..", ".berth", "local", "compose.yaml")} does not exist, so berth up has not run for this spec here.\nRun berth up first, or pass the spec berth up ran with --config.\n`,
    ]);
  });
});
