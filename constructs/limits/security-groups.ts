/**
 * EC2 refuses a security group rule that already exists in the group (EC2 API Reference, error
 * codes: InvalidPermission.Duplicate), so each (protocol, port, CIDR) may be given once.
 */
export const DUPLICATE_RULE = "AWS refuses a security group rule given twice (InvalidPermission.Duplicate); remove one copy";

/** A repeated entry: where it is (relative to the list), its value and the rule text. */
export interface DuplicateRule {
  readonly at: readonly number[];
  readonly value: string;
  readonly problem: string;
}

interface EgressRule {
  readonly port: number;
  readonly protocol?: string;
  readonly cidrBlocks: readonly string[];
}

/** Each CIDR of an ingress list given before; `field` names the list in the message (e.g. "fargate.ingressCidrs"). */
export function duplicateIngress(cidrs: readonly string[], field: string): DuplicateRule[] {
  const seen = new Map<string, number>();
  return cidrs.flatMap((cidr, i) => {
    const first = seen.get(cidr);
    if (first === undefined) seen.set(cidr, i);
    return first === undefined ? [] : [{ at: [i], value: cidr, problem: `duplicates ${field}[${first}]: ${DUPLICATE_RULE}` }];
  });
}

/** Each CIDR of an egress list that an earlier entry already opens on the same protocol and port; `at` is [rule, "cidrBlocks", cidr]. */
export function duplicateEgress(rules: readonly EgressRule[], field: string): DuplicateRule[] {
  const seen = new Map<string, string>();
  return rules.flatMap((rule, i) =>
    rule.cidrBlocks.flatMap((cidr, j) => {
      const key = `${rule.protocol ?? "tcp"} ${rule.port} to "${cidr}"`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, `${field}[${i}].cidrBlocks[${j}] (${key})`);
      return first === undefined ? [] : [{ at: [i, j], value: cidr, problem: `duplicates ${first}: ${DUPLICATE_RULE}` }];
    }),
  );
}
