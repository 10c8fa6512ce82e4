import type { PolicyFinding, PolicyReport } from "../../stacks/policy/run";
import type { Rule } from "../../stacks/policy/types";

/** SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads: https://docs.oasis-open.org/sarif/sarif/v2.1.0/ */
export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/**
 * The report as one SARIF log. `artifactOf(stack)` is the path of a stack's cdk.tf.json, the
 * artifact each result points at. Suppressed findings are results with a `suppressions` entry whose
 * justification is the spec's reason, so code scanning shows them as dismissed.
 */
export function toSarif(report: PolicyReport, rules: readonly Rule[], artifactOf: (stack: string) => string): Record<string, unknown> {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const result = (f: PolicyFinding, reason?: string) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: f.severity,
    message: { text: `${f.resource}: ${f.message}; fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactOf(f.stack) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: `${f.stack}/${f.resource}`, kind: "resource" }],
      },
    ],
    ...(reason === undefined ? {} : { suppressions: [{ kind: "external", justification: reason }] }),
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "berth",
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: { text: r.fix },
              defaultConfiguration: { level: r.severity },
              properties: { tags: ["security", ...r.checkov, ...r.securityHub.map((id) => `SecurityHub:${id}`)] },
            })),
          },
        },
        results: [...report.findings.map((f) => result(f)), ...report.suppressed.flatMap((s) => s.findings.map((f) => result(f, s.reason)))],
      },
    ],
  };
}
