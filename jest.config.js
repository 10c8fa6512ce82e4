/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)s$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // "./x.js" names ./x.ts, as TypeScript's node16 resolution writes a dynamic import (scripts/cli/cli.ts).
  moduleNameMapper: { "^berth$": "<rootDir>/stacks/spec/index.ts", "^(\\.{1,2}/.*)\\.js$": "$1" },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // Tests that run docker or spawn the CLI need more than the default 5 s on a 2-core machine.
  testTimeout: 60000,
};
