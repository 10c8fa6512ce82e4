import { RULES } from "./index";
import type { Rule, Severity, TerraformJson } from "./types";

/** One synthesized stack: its name in manifest.json and its Terraform JSON. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: TerraformJson;
  /** Where its cdk.tf.json is, when read from an output folder. */
  readonly path?: string;
}

/** A spec suppression (stacks/spec/policy.ts): the rule is not enforced, for the reason given. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

/** A finding stamped by the runner with its rule and stack. */
export interface PolicyFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly resource: string;
  readonly message: string;
  readonly fix: string;
}

export interface PolicyReport {
  /** Findings of rules that are not suppressed. */
  readonly findings: readonly PolicyFinding[];
  /** Each suppression, with the findings it hides (none if the rule found nothing). */
  readonly suppressed: readonly (Suppression & { readonly findings: readonly PolicyFinding[] })[];
}

/** Runs every rule on every stack; the runner, not the rules, stamps rule id, severity and fix. */
export function runPolicy(stacks: readonly SynthesizedStack[], suppressions: readonly Suppression[] = [], rules: readonly Rule[] = RULES): PolicyReport {
  const all = rules.flatMap((rule) =>
    stacks.flatMap(({ name, json }) => rule.evaluate(json).map((f) => ({ rule: rule.id, severity: rule.severity, stack: name, resource: f.resource, message: f.message, fix: rule.fix }))),
  );
  const suppressedIds = new Set(suppressions.map((s) => s.rule));
  return {
    findings: all.filter((f) => !suppressedIds.has(f.rule)),
    suppressed: suppressions.map((s) => ({ ...s, findings: all.filter((f) => f.rule === s.rule) })),
  };
}

/** The findings that fail `berth deploy` and `berth check`: unsuppressed errors. */
export function blockingFindings(report: PolicyReport): PolicyFinding[] {
  return report.findings.filter((f) => f.severity === "error");
}

/** The summary lines of a report, one per finding and suppression. */
export function formatPolicy(report: PolicyReport): string[] {
  return [
    ...report.findings.map((f) => `policy ${f.severity} ${f.rule} ${f.stack}/${f.resource}: ${f.message}; fix: ${f.fix}`),
    ...report.suppressed.map((s) => `policy suppressed ${s.rule}: ${s.reason} (${s.findings.length} finding${s.findings.length === 1 ? "" : "s"} not enforced)`),
  ];
}
