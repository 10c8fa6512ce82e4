import { BerthError } from "../../stacks/errors";
import { blockingFindings, type PolicyReport } from "../../stacks/policy/run";

/**
 * Refuses to deploy stacks with unsuppressed error-level findings, listing each with its fix and
 * how to suppress it instead.
 */
export function refuseBlockingFindings(report: PolicyReport, specPath: string): void {
  const blocking = blockingFindings(report);
  if (blocking.length === 0) return;
  const rules = [...new Set(blocking.map((f) => f.rule))];
  throw new BerthError(
    `berth deploy refused: ${blocking.length} policy error${blocking.length === 1 ? "" : "s"} in the synthesized stacks, nothing was applied:\n` +
      blocking.map((f) => `  ✖ ${f.rule} ${f.stack}/${f.resource}: ${f.message}; fix: ${f.fix}`).join("\n") +
      `\nFix the spec (${specPath}), or, if a rule does not apply to this app, suppress it there with a reason:\n` +
      `  policy: { suppress: [${rules.map((r) => `{ rule: "${r}", reason: "<why it does not apply>" }`).join(", ")}] }\n` +
      "Every rule is described in docs/policy.md.",
  );
}
