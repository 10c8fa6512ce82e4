import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runNode, tempDir } from "./run";

describe("npx cdktf synth (cdktf.json)", () => {
  it("produces the same stacks, with the same Terraform JSON, as npm run synth", () => {
    const viaCli = join(tempDir(), "cli.out");
    const direct = join(tempDir(), "direct.out");
    const cli = spawnSync(join(ROOT, "node_modules", ".bin", "cdktf"), ["synth", "--output", viaCli], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" },
      timeout: 120000,
    });
    expect(cli.status).toBe(0);
    expect(runNode("scripts/bin/run-ts.mjs", ["main.ts"], { CDKTF_OUTDIR: direct }).status).toBe(0);
    const stacks = readdirSync(join(direct, "stacks")).sort();
    expect(readdirSync(join(viaCli, "stacks")).sort()).toEqual(stacks);
    for (const stack of stacks) {
      const read = (dir: string) => JSON.parse(readFileSync(join(dir, "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(read(viaCli)).toEqual(read(direct));
    }
  });
});
