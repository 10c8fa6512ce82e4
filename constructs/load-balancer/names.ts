import { createHash } from "node:crypto";

/** AWS's limit for ALB and target group names. */
export const ELB_NAME_MAX = 32;

const VALID = /^[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?$/;

/**
 * A valid ALB / target group name from `base`: `[0-9A-Za-z-]`, at most 32 characters, no leading
 * or trailing hyphen, not starting with "internal-" (AWS reserves it). A valid base is kept as is;
 * any other is cleaned, cut and suffixed with a hash of the whole base, so the result is stable
 * for one input and two bases never shorten to the same name.
 */
export function elbName(base: string): string {
  if (base.length <= ELB_NAME_MAX && VALID.test(base) && !/^internal-/i.test(base)) return base;
  const hash = createHash("sha256").update(base).digest("hex").slice(0, 7);
  const cleaned = base
    .replace(/^internal-/i, "")
    .replace(/[^0-9A-Za-z-]/g, "-")
    .replace(/-+/g, "-")
    .slice(0, ELB_NAME_MAX - hash.length - 1)
    .replace(/^-|-$/g, "");
  return cleaned ? `${cleaned}-${hash}` : hash;
}

/** The provider's limit for a target group `name_prefix`: 32 minus its 26-character unique suffix. */
export const TARGET_GROUP_NAME_PREFIX_MAX = 6;

/**
 * A target group `name_prefix` from `base`: at most 6 characters of `[0-9A-Za-z-]`, not beginning
 * with a hyphen (terraform-provider-aws internal/service/elbv2/validate.go), ending with one so
 * that the generated name reads `<prefix>-<unique suffix>`. Falls back to "tg-" for a base with
 * no usable character.
 */
export function targetGroupNamePrefix(base: string): string {
  const cleaned = base
    .replace(/[^0-9A-Za-z-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-/, "")
    .slice(0, TARGET_GROUP_NAME_PREFIX_MAX - 1)
    .replace(/-$/, "");
  return `${cleaned || "tg"}-`;
}
