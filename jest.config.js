/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)s$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleNameMapper: { "^berth$": "<rootDir>/stacks/spec/index.ts" },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // Tests that run docker or spawn the CLI need more than the default 5 s on a 2-core machine.
  testTimeout: 60000,
};
