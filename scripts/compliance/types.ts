/** A synthesized stack (`cdk.tf.json`), as far as berth reads it (the rules, the synth summary). */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
}

export interface Finding {
  /** The rule that found it, e.g. "ecs-no-public-ip". */
  readonly rule: string;
  /** `<type>.<name>` of the resource. */
  readonly resource: string;
  readonly message: string;
}

/**
 * A compliance rule: a pure function over one synthesized stack. `checks` names the Checkov and
 * Security Hub controls it stands in for (the logic is ours; the ids say what it covers).
 */
export interface Rule {
  readonly id: string;
  readonly checks: readonly string[];
  readonly description: string;
  evaluate(stack: TerraformJson): Finding[];
}

/** Every resource of the given types, as [address, body]. */
export function resourcesOf(stack: TerraformJson, ...types: string[]): [string, Readonly<Record<string, unknown>>][] {
  return types.flatMap((type) => Object.entries(stack.resource?.[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body] as [string, Readonly<Record<string, unknown>>]));
}

/** The first element of a Terraform block that cdktf may emit as an object or a one-element list. */
export function block(value: unknown): Readonly<Record<string, unknown>> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === "object" ? (first as Record<string, unknown>) : undefined;
}
