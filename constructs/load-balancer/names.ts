import { createHash } from "node:crypto";
import { ALB_RESERVED_NAME_PREFIX, ELB_NAME_CHARACTERS, ELB_NAME_MAX, TARGET_GROUP_NAME_PREFIX_MAX } from "../limits/names";

/**
 * A valid ALB / target group name from `base`: `[0-9A-Za-z-]`, at most 32 characters, no leading
 * or trailing hyphen, not starting with "internal-" (AWS reserves it). A valid base is kept as is;
 * any other is cleaned, cut and suffixed with a hash of the whole base, so the result is stable
 * for one input and two bases never shorten to the same name.
 */
export function elbName(base: string): string {
  if (base.length <= ELB_NAME_MAX && ELB_NAME_CHARACTERS.test(base) && !ALB_RESERVED_NAME_PREFIX.test(base)) return base;
  const hash = createHash("sha256").update(base).digest("hex").slice(0, 7);
  const cleaned = base
    .replace(ALB_RESERVED_NAME_PREFIX, "")
    .replace(/[^0-9A-Za-z-]/g, "-")
    .replace(/-+/g, "-")
    .slice(0, ELB_NAME_MAX - hash.length - 1)
    .replace(/^-|-$/g, "");
  return cleaned ? `${cleaned}-${hash}` : hash;
}

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
