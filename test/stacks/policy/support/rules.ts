import { RULES } from "../../../../stacks/policy";
import type { Rule, TerraformJson } from "../../../../stacks/policy/types";

/** A stack of one resource type with the given bodies, named r0, r1, … */
export function stackOf(type: string, ...bodies: Record<string, unknown>[]): TerraformJson {
  return { resource: { [type]: Object.fromEntries(bodies.map((b, i) => [`r${i}`, b])) } };
}

/** The policy rule with this id; throws for an unknown id. */
export function rule(id: string): Rule {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}
