import { existsSync } from "node:fs";
import { join } from "node:path";
import { runNode, specSource, tempDir, writeSpec } from "./run";

describe("berth synth", () => {
  it("synthesizes the spec given by --config into --out", () => {
    const out = join(tempDir(), "out");
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--config", writeSpec(specSource()), "--out", out]);
    expect(run.status).toBe(0);
    expect(existsSync(join(out, "stacks", "shop-dev-registry", "cdk.tf.json"))).toBe(true);
  });

  it("fails on an unknown flag with usage help", () => {
    const run = runNode("scripts/bin/berth.mjs", ["synth", "--confg", "x"]);
    expect([run.status, run.stderr]).toEqual([1, expect.stringContaining("error: unknown option '--confg'\n(Did you mean --config?)")]);
  });
});
