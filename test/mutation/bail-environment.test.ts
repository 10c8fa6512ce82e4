import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCLI } from "jest";

const fixtures = resolve(__dirname, "../fixtures/mutation-bail");

/** One in-band jest run over the fixtures with the bail environment, as Stryker makes per mutant. */
async function run(fail: boolean): Promise<Record<string, string[]>> {
  const cacheDirectory = mkdtempSync(join(tmpdir(), "berth-bail-"));
  if (fail) process.env.BAIL_FIXTURE_FAIL = "1";
  try {
    const { results } = await runCLI(
      {
        $0: "jest",
        _: [],
        // A config of its own: berth's jest.config.js (setup file, transforms) does not apply to the fixtures.
        config: JSON.stringify({
          rootDir: fixtures,
          testMatch: ["**/*.check.js"],
          transform: {},
          testEnvironment: resolve(__dirname, "bail-environment.cjs"),
          globalSetup: resolve(__dirname, "bail-global-setup.cjs"),
          cacheDirectory,
          reporters: [],
        }),
        runInBand: true,
        silent: true,
        watchman: false,
      } as Parameters<typeof runCLI>[0],
      [fixtures],
    );
    const statuses: Record<string, string[]> = {};
    for (const file of results.testResults) statuses[file.testFilePath.split("/").pop()!] = file.testResults.map((t) => `${t.title}: ${t.status}`);
    return statuses;
  } finally {
    delete process.env.BAIL_FIXTURE_FAIL;
    rmSync(cacheDirectory, { recursive: true, force: true });
  }
}

describe("the mutation runs' bail environment (jest's bail, which Stryker cannot pass to jest)", () => {
  test("after a failed test, skips the rest of the file, a later describe block and the next file", async () => {
    expect(await run(true)).toEqual({
      "first-fails.check.js": ["fails when told to: failed", "passes: pending", "passes too: pending"],
      "then-passes.check.js": ["passes: pending"],
    });
  });

  test("a run in which nothing fails runs every test", async () => {
    expect(await run(false)).toEqual({
      "first-fails.check.js": ["fails when told to: passed", "passes: passed", "passes too: passed"],
      "then-passes.check.js": ["passes: passed"],
    });
  });

  test("a failure in one run skips nothing in the next run", async () => {
    await run(true);
    expect(await run(false)).toEqual({
      "first-fails.check.js": ["fails when told to: passed", "passes: passed", "passes too: passed"],
      "then-passes.check.js": ["passes: passed"],
    });
  });
});
