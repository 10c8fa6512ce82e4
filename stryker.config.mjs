// Mutation testing (StrykerJS): `npm run test:mutation` mutates constructs/ and the spec module
// (stacks/spec/) and runs the unit tests that cover each mutant; a surviving mutant is a change to
// the code that no test notices. docs/testing.md says how to read the report and what CI runs.
import { fileURLToPath } from "node:url";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: ["constructs/**/*.ts", "stacks/spec/**/*.ts"],
  testRunner: "jest",
  jest: {
    configFile: "jest.config.js",
    // The unit suites of the mutated folders: docker, Terraform and CLI suites neither cover these
    // files' branches differently nor fit a run per mutant.
    // validators.test.ts runs cloud-init, shellcheck, systemd-analyze and docker-compose over whole
    // artifacts: seconds per mutant of the host's files. It runs in npm test, not per mutant.
    // The runner picks each mutant's test files with jest --findRelatedTests, which follows imports
    // only through files inside the roots. constructs/ and stacks/spec/ are roots, so a construct's
    // mutant runs the tests of test/constructs that reach it (with the test folders alone, a mutant
    // of constructs/iam/ ran no test and counted as survived). test/ is a root so that the walk
    // passes through test/helpers.ts and the suites' support files (without it, a mutant of
    // stacks/spec/validate.ts ran validate.test.ts alone); only test/constructs and test/stacks run.
    // stacks/targets/ is not a root: every stack test would load for every construct mutant (4
    // mutants a minute); constructs are judged by their own tests.
    // The bail environment (test/mutation/) skips the rest of a run once a test has failed: jest's
    // own bail cannot be set by the runner. An absolute path: the runner loads the environment
    // itself, without jest's <rootDir>.
    config: {
      testEnvironment: fileURLToPath(new URL("test/mutation/bail-environment.cjs", import.meta.url)),
      globalSetup: "<rootDir>/test/mutation/bail-global-setup.cjs",
      roots: ["<rootDir>/test", "<rootDir>/constructs", "<rootDir>/stacks/spec"],
      testPathIgnorePatterns: ["/node_modules/", "/test/(?!constructs/|stacks/)", "/test/constructs/ec2-host/validators\\.test\\.ts$"],
    },
  },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  // A static mutant (a module-level value, e.g. a limits table) reruns every test: 808 of the 3392
  // mutants, about 20 s each here. They are left out by default; `npm run test:mutation --
  // --ignoreStatic false` runs them too.
  ignoreStatic: true,
  // Reruns test only the mutants whose code or covering tests changed since the recorded run.
  incremental: true,
  incrementalFile: ".berth/mutation/incremental.json",
  // CI (.ci/run) fails a run below 75 % (the full run scored about 88 % when this was set).
  thresholds: { high: 90, low: 80, break: 75 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".berth/mutation/report.html" },
  jsonReporter: { fileName: ".berth/mutation/report.json" },
  tempDirName: ".berth/stryker-tmp",
  // Local build output and earlier runs' sandboxes: not needed by the tests, slow to copy.
  ignorePatterns: ["/.berth", "/cdktf.out", "/coverage", "/.gen"],
  cleanTempDir: "always",
  // Stryker splits these into two TypeScript checker processes and one jest runner.
  concurrency: 3,
  timeoutMS: 30000,
};
