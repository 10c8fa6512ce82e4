import { blockingFindings, formatPolicy, runPolicy } from "../../../stacks/policy/run";
import type { Rule, TerraformJson } from "../../../stacks/policy/types";

/** A rule that finds every aws_thing, with the given severity. */
const ruleOf = (id: string, severity: Rule["severity"]): Rule => ({
  id,
  severity,
  title: "things are fine",
  checkov: [],
  securityHub: [],
  why: "things matter",
  fix: `fix the thing for ${id}`,
  evaluate: (stack: TerraformJson) => Object.keys(stack.resource?.aws_thing ?? {}).map((name) => ({ resource: `aws_thing.${name}`, message: "is a thing" })),
});

const stacks = [{ name: "app-dev-fargate", json: { resource: { aws_thing: { a: {} } } } }];
const rules = [ruleOf("bad-error", "error"), ruleOf("bad-warning", "warning")];

describe("runPolicy", () => {
  it("stamps each finding with its rule id, severity, stack and the rule's fix", () => {
    expect(runPolicy(stacks, [], rules).findings).toEqual([
      { rule: "bad-error", severity: "error", stack: "app-dev-fargate", resource: "aws_thing.a", message: "is a thing", fix: "fix the thing for bad-error" },
      { rule: "bad-warning", severity: "warning", stack: "app-dev-fargate", resource: "aws_thing.a", message: "is a thing", fix: "fix the thing for bad-warning" },
    ]);
  });

  it("moves the findings of a suppressed rule under its suppression", () => {
    const report = runPolicy(stacks, [{ rule: "bad-error", reason: "a demo" }], rules);
    expect([report.findings.map((f) => f.rule), report.suppressed.map((s) => [s.rule, s.reason, s.findings.length])]).toEqual([["bad-warning"], [["bad-error", "a demo", 1]]]);
  });

  it("blocks on unsuppressed errors only", () => {
    expect(blockingFindings(runPolicy(stacks, [], rules)).map((f) => f.rule)).toEqual(["bad-error"]);
    expect(blockingFindings(runPolicy(stacks, [{ rule: "bad-error", reason: "a demo" }], rules))).toEqual([]);
  });

  it("formats one line per finding and per suppression", () => {
    expect(formatPolicy(runPolicy(stacks, [{ rule: "bad-warning", reason: "known" }], rules))).toEqual([
      "policy error bad-error app-dev-fargate/aws_thing.a: is a thing; fix: fix the thing for bad-error",
      "policy suppressed bad-warning: known (1 finding not enforced)",
    ]);
  });
});
