import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/**
 * The messages the project's ESLint reports for `code` as if it were the file `path` of the
 * repository. ESLint runs as its own process: its config loader needs real ES modules.
 */
function lint(path: string, code: string): string[] {
  const eslint = join(root, "node_modules", "eslint", "bin", "eslint.js");
  const run = spawnSync(process.execPath, [eslint, "--format", "json", "--stdin", "--stdin-filename", path], { cwd: root, input: code, encoding: "utf8" });
  if (run.stdout.trim() === "") throw new Error(`eslint printed nothing (exit ${run.status}): ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("lint rules that guard the architecture", () => {
  it("fail on a barrel import of @cdktf/provider-aws", () => {
    expect(lint("constructs/x/index.ts", 'import { ecsService } from "@cdktf/provider-aws";\nexport const x = ecsService;\n')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Import provider bindings by deep path/),
    ]);
  });

  it("fail on a barrel require of @cdktf/provider-aws", () => {
    expect(lint("constructs/x/index.cjs", 'const aws = require("@cdktf/provider-aws");\nmodule.exports = aws;\n')).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Import provider bindings by deep path/),
    ]);
  });

  it("fail on a dynamic barrel import", () => {
    expect(lint("constructs/x/index.ts", 'export const aws = import("@cdktf/provider-aws");\n')).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Import provider bindings by deep path/),
    ]);
  });

  it("allow a deep import inside constructs/", () => {
    expect(lint("constructs/x/index.ts", 'import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";\nexport const x = EcsService;\n')).toEqual([]);
  });

  it("fail on a deep provider import outside constructs/", () => {
    expect(lint("stacks/x.ts", 'import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";\nexport const x = EcsService;\n')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Provider bindings live in constructs\/ only/),
    ]);
  });
});
