// Lint rules that guard berth's architecture (see docs/design.md).
import tseslint from "typescript-eslint";

const barrelMessage =
  "Import provider bindings by deep path (e.g. @cdktf/provider-aws/lib/ecs-service): the barrel loads ~2,200 modules (12x slower synth, 550 MiB).";

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", ".berth/", "coverage/", "dist/", "**/*.d.cts"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mjs", "**/*.cjs", "**/*.js"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@cdktf/provider-aws", message: barrelMessage }],
          patterns: [
            {
              group: ["@cdktf/provider-aws/lib/*"],
              message: "Provider bindings live in constructs/ only (keeps cdktf coupling in one layer). Add or extend a construct there.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression[source.value='@cdktf/provider-aws']", message: barrelMessage },
        { selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-aws']", message: barrelMessage },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["constructs/**/*.ts", "test/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@cdktf/provider-aws", message: barrelMessage }] }],
    },
  },
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
