import { resourcesOf, type TerraformJson } from "../types";

export interface IngressRule {
  readonly resource: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrs: readonly string[];
}

/** Every ingress rule: inline `ingress` blocks, aws_security_group_rule and aws_vpc_security_group_ingress_rule. */
export function ingressRulesOf(stack: TerraformJson): IngressRule[] {
  const inline = resourcesOf(stack, "aws_security_group").flatMap(([resource, sg]) =>
    ((sg.ingress ?? []) as Record<string, unknown>[]).map((r) => ({
      resource,
      fromPort: Number(r.from_port),
      toPort: Number(r.to_port),
      cidrs: [...((r.cidr_blocks as string[]) ?? []), ...((r.ipv6_cidr_blocks as string[]) ?? [])],
    })),
  );
  const legacy = resourcesOf(stack, "aws_security_group_rule")
    .filter(([, r]) => r.type === "ingress")
    .map(([resource, r]) => ({
      resource,
      fromPort: Number(r.from_port),
      toPort: Number(r.to_port),
      cidrs: [...((r.cidr_blocks as string[]) ?? []), ...((r.ipv6_cidr_blocks as string[]) ?? [])],
    }));
  const standalone = resourcesOf(stack, "aws_vpc_security_group_ingress_rule").map(([resource, r]) => ({
    resource,
    fromPort: r.ip_protocol === "-1" ? 0 : Number(r.from_port),
    toPort: r.ip_protocol === "-1" ? 65535 : Number(r.to_port),
    cidrs: [r.cidr_ipv4, r.cidr_ipv6].filter((c): c is string => typeof c === "string"),
  }));
  return [...inline, ...legacy, ...standalone];
}

export const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);
