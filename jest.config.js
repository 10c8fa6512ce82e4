/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)s$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // "./x.js" names ./x.ts, as TypeScript's node16 resolution writes a dynamic import (scripts/cli/cli.ts).
  moduleNameMapper: { "^berth$": "<rootDir>/stacks/spec/index.ts", "^(\\.{1,2}/.*)\\.js$": "$1" },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  // Two workers on the 2-core machine: the Terraform check and the docker suites mostly wait on
  // child processes, so running two test files at once overlaps that waiting.
  maxWorkers: 2,
  // Tests that run docker or spawn the CLI need more than the default 5 s on a 2-core machine.
  testTimeout: 60000,
};
