import type { Pattern } from "./rule";

/**
 * Tag keys: 1-128 Unicode letters, digits, spaces and _.:/=+-@; the aws: prefix is reserved
 * (Tagging AWS Resources guide, "Tag naming limits and requirements"). UNCONFIRMED whether the
 * reserved prefix is matched without regard to case; any case is refused here, the safe side.
 */
export const TAG_KEY: Pattern = {
  pattern: /^(?![Aa][Ww][Ss]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
  allowed: 'a tag key of 1-128 letters, digits, spaces and _.:/=+-@, not starting with "aws:" (reserved by AWS)',
};

/** Tag values: at most 256 characters (same guide). */
export const TAG_VALUE_MAX = 256;
