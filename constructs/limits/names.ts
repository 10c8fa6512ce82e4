import type { Pattern } from "./rule";

/**
 * A DNS name for a certificate or an ACME order: labels of 1-63 letters, digits and hyphens, not
 * starting or ending with a hyphen, at most 253 characters (RFC 1035 §2.3.4; ACM RequestCertificate
 * DomainName: 1-253). Lower case only: berth compares names as written.
 */
export const DOMAIN: Pattern = {
  pattern: /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/,
  allowed: 'a lower case domain name like "shop.example.com"',
};

/**
 * An environment variable name as a POSIX shell accepts it (POSIX.1-2017, 8.1 and 3.235 "Name"):
 * the host exports them in shell scripts, ECS passes them to the container.
 */
export const ENV_NAME: Pattern = {
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  allowed: "an environment variable name like LOG_LEVEL: letters, digits and underscores, not starting with a digit",
};

/**
 * A volume name that is a Docker named volume, an ECS task volume and part of an EFS access point
 * tag at once: Docker allows [a-zA-Z0-9][a-zA-Z0-9_.-]+ (moby volume/names), ECS volume names up to
 * 255 letters, digits, hyphens and underscores (ECS API Reference, Volume); berth's narrower form
 * fits both and reads well in resource names.
 */
export const VOLUME_NAME: Pattern = {
  pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,30}$/,
  allowed: "lower case letters, digits and single hyphens, starting with a letter, at most 31 characters",
};

/**
 * ALB and target group names: at most 32 characters of [0-9A-Za-z-], not beginning or ending with a
 * hyphen; an ALB name may not begin with "internal-" (terraform-provider-aws
 * internal/service/elbv2/validate.go; ELBv2 API CreateLoadBalancer).
 */
export const ELB_NAME_MAX = 32;
export const ELB_NAME_CHARACTERS = /^[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?$/;
export const ALB_RESERVED_NAME_PREFIX = /^internal-/i;
/** The provider's limit for a target group `name_prefix` (elbv2/validate.go): 32 minus its 26-character unique suffix. */
export const TARGET_GROUP_NAME_PREFIX_MAX = 6;

/** An ECR repository name: 2-256 characters (ECR API Reference, CreateRepository repositoryName). */
export const ECR_REPOSITORY_NAME: Pattern = {
  pattern: /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  allowed: 'an ECR repository name: 2-256 lower case letters, digits and . _ - separators, with "/" between path segments (e.g. "shop-prod/web")',
};

/**
 * A service name: it names the service's ECR repository (`<app>-<stage>/<name>`), its container
 * and compose service, and the DNS name other services reach it by, so it is a DNS label (RFC 1035
 * §2.3.1); 20 characters like the app name keep the names built from both within AWS's limits.
 */
export const SERVICE_NAME: Pattern = {
  pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,19}$/,
  allowed: "1-20 lower case letters, digits and single hyphens, starting with a letter",
};
