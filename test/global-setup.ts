import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One temporary folder per jest run (removed by global-teardown.ts): every test and every tool it
 * spawns writes temporary files under it through TMPDIR, so a failing or interrupted test, and
 * cdktf's Testing outdirs (cdktf.outdir.*, which cdktf never removes), leave nothing in /tmp.
 * Jest starts its workers after the global setup: they inherit the variable.
 */
export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), "berth-jest-"));
  process.env.BERTH_TEST_TMPDIR = root;
  process.env.TMPDIR = root;
}
