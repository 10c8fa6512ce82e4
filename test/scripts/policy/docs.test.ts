import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../../stacks/policy";
import { ROOT } from "../run";

describe("docs/policy.md", () => {
  const doc = readFileSync(join(ROOT, "docs", "policy.md"), "utf8");

  it.each(RULES.map((r) => [r.id, r] as const))("describes %s with its severity, fix and the ids it stands for", (id, r) => {
    const section = doc.split(`### \`${id}\` (${r.severity})`)[1]?.split("###")[0] ?? "";
    expect(section).toContain(r.fix);
    for (const ruleId of [...r.checkov, ...r.securityHub]) expect(section).toContain(ruleId);
  });
});
