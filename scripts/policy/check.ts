import { relative } from "node:path";
import { RULES } from "../../stacks/policy/index";
import { blockingFindings, formatPolicy, runPolicy } from "../../stacks/policy/run";
import { toSarif } from "./sarif";
import { readStacks, readSuppressions } from "./stacks";

export const CHECK_FORMATS = ["text", "json", "sarif"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** `berth check` exit codes, as tflint's: 0 clean (warnings allowed), 1 bad input, 2 unsuppressed error findings. */
export const EXIT_FINDINGS = 2;

export interface CheckResult {
  readonly output: string;
  readonly exitCode: 0 | typeof EXIT_FINDINGS;
}

/** Runs the policy rules on the stacks synthesized into `outdir`, with the suppressions synth recorded there. */
export function check(outdir: string, format: CheckFormat): CheckResult {
  const stacks = readStacks(outdir);
  const report = runPolicy(stacks, readSuppressions(outdir));
  const blocking = blockingFindings(report);
  const exitCode = blocking.length > 0 ? EXIT_FINDINGS : 0;
  if (format === "json") return { output: JSON.stringify({ ...report, errors: blocking.length }, null, 2), exitCode };
  if (format === "sarif") {
    const artifacts = new Map(stacks.map((s) => [s.name, relative(process.cwd(), s.path ?? outdir)]));
    return { output: JSON.stringify(toSarif(report, RULES, (stack) => artifacts.get(stack) ?? stack), null, 2), exitCode };
  }
  const warnings = report.findings.length - blocking.length;
  const summary = `berth check: ${blocking.length} error${blocking.length === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}, ${report.suppressed.length} rule${report.suppressed.length === 1 ? "" : "s"} suppressed in ${stacks.length} stack${stacks.length === 1 ? "" : "s"} (${outdir})`;
  return { output: [summary, ...formatPolicy(report).map((l) => `  ${l}`)].join("\n"), exitCode };
}
