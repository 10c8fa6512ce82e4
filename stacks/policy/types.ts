/** A synthesized stack (`cdk.tf.json`), as far as berth reads it (the rules, the synth summary). */
export interface TerraformJson {
  readonly provider?: Readonly<Record<string, unknown>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
}

/** What a rule found on one resource; the runner stamps the rule id, severity and fix. */
export interface Finding {
  /** `<type>.<name>` of the resource. */
  readonly resource: string;
  /** What is wrong with this resource, e.g. "ports 8080-8080 are open to the internet". */
  readonly message: string;
}

export type Severity = "error" | "warning";

/**
 * A policy rule: a pure function over one synthesized stack. `checkov` and `securityHub` name the
 * controls it stands in for (the logic is ours; the ids say what it covers).
 */
export interface Rule {
  /** Kebab-case id, used in suppressions and SARIF, e.g. "no-open-ingress". */
  readonly id: string;
  /** error fails `berth deploy` (and `berth check`) unless suppressed; warning is only printed. */
  readonly severity: Severity;
  /** One line: what the rule wants. */
  readonly title: string;
  readonly checkov: readonly string[];
  /** Security Hub (CSPM) control ids, e.g. "ELB.1". */
  readonly securityHub: readonly string[];
  /** Why a finding matters. */
  readonly why: string;
  /** How to fix it in the spec (or why a suppression may be right). */
  readonly fix: string;
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
