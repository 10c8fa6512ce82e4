import { rmSync } from "node:fs";

/** Removes the run's temporary folder made by global-setup.ts. */
export default function globalTeardown(): void {
  const root = process.env.BERTH_TEST_TMPDIR;
  if (root) rmSync(root, { recursive: true, force: true });
}
