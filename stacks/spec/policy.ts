import { closest, distance } from "fastest-levenshtein";
import * as z from "zod";
import { RULES } from "../policy";
import { list, object, text } from "./fields";

/**
 * The spec's `policy` block: which policy rules (stacks/policy/) are not enforced, each with the
 * reason that the synth summary, `berth check` and SARIF print beside it.
 */

const RULE_IDS = RULES.map((r) => r.id);

/** Why `id` is not a rule id, with a did-you-mean for a near miss, or undefined. */
function ruleProblem(id: string): string | undefined {
  if (RULE_IDS.includes(id)) return undefined;
  const guess = closest(id, RULE_IDS);
  const hint = distance(id, guess) <= Math.max(2, id.length / 3) ? `did you mean "${guess}"? ` : "";
  return `must be a policy rule id; ${hint}rules: ${RULE_IDS.join(", ")} (docs/policy.md)`;
}

const REASON_ALLOWED = 'a reason saying why the rule does not apply to this app, e.g. "demo without a domain"';

const suppression = object({
  /** The rule id, e.g. "https-only". */
  rule: text(`a policy rule id: ${RULE_IDS.join(", ")} (docs/policy.md)`).superRefine((id, ctx) => {
    const message = ruleProblem(id);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  }),
  /** Why the rule does not apply here; printed in every summary and in SARIF. */
  reason: text(REASON_ALLOWED).refine((r) => r.trim().length > 0, { error: `must be ${REASON_ALLOWED}, not blank` }),
});

export const policyBlock = object({
  /** Rules not enforced, each with a reason. @default [] */
  suppress: list(suppression, "suppressions { rule, reason }")
    .superRefine((items, ctx) => {
      const first = new Map<string, number>();
      items.forEach((s, i) => {
        const earlier = first.get(s.rule);
        if (earlier !== undefined) ctx.addIssue({ code: "custom", path: [i, "rule"], message: `suppresses "${s.rule}" again (policy.suppress[${earlier}]): keep one suppression per rule` });
        else first.set(s.rule, i);
      });
    })
    .optional(),
});

/** The resolved policy block: what synth and deploy read. */
export interface ResolvedPolicy {
  readonly suppress: readonly { readonly rule: string; readonly reason: string }[];
}

export function resolvePolicy(policy: z.output<typeof policyBlock> | undefined): ResolvedPolicy {
  return { suppress: policy?.suppress ?? [] };
}
