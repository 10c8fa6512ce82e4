import type { Pattern, Range } from "./rule";

/**
 * A path prefix a public service is routed by. The ALB compares path patterns case-sensitively,
 * each value at most 128 characters (ELB API Reference, PathPatternConditionConfig); berth matches
 * `<prefix>` and `<prefix>/*`, so a prefix may take 126. Segments of letters, digits and `. _ ~ -`
 * only: characters both the ALB's patterns and Caddy's path matcher read literally (no wildcards).
 */
export const ROUTE_PATH: Pattern = {
  pattern: /^(?=.{2,126}$)(?:\/[A-Za-z0-9._~-]+){1,16}$/,
  allowed: 'a path prefix like "/api": "/" and 1-16 segments of letters, digits, ".", "_", "~" or "-", no trailing "/", at most 126 characters',
};

/**
 * A host name a public service is routed by. An ALB host-header value takes at most 128 characters
 * and must hold a "." (ELB User Guide, rule-condition-types.html, "Host conditions"); the domain
 * pattern (constructs/limits/names.ts) holds the DNS rules. No wildcards.
 */
export const ROUTE_HOST: Pattern = {
  pattern: /^(?=.{1,128}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/,
  allowed: 'a lower case host name like "api.example.com", at most 128 characters',
};

/** An ALB listener rule's priority: 1-50000, unique per listener (ELB API Reference, CreateRule). */
export const LISTENER_RULE_PRIORITY: Range = { min: 1, max: 50000 };

/**
 * Rules an Application Load Balancer holds besides its listeners' default rules: 100 by default
 * (ELB User Guide, load-balancer-limits.html, "Rules per Application Load Balancer"; a quota AWS
 * may raise, which berth does not assume).
 */
export const ALB_RULES_MAX = 100;
