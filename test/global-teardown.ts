import { rmSync } from "node:fs";
import { dirname } from "node:path";

/** Removes the run's temporary folder made by global-setup.ts, and points TMPDIR back at its parent (jest --watch runs again in this process). */
export default function globalTeardown(): void {
  const root = process.env.BERTH_TEST_TMPDIR;
  if (!root) return;
  rmSync(root, { recursive: true, force: true });
  process.env.TMPDIR = dirname(root);
  delete process.env.BERTH_TEST_TMPDIR;
}
