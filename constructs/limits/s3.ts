/**
 * General purpose S3 bucket names (S3 User Guide, bucketnamingrules.html, "General purpose buckets
 * naming rules", checked 2025): 3-63 lower case letters, digits, dots and hyphens, beginning and
 * ending with a letter or digit; no two adjacent periods; not formatted as an IP address; the
 * prefixes and suffixes below are reserved ("sthree-configurator" starts with "sthree-").
 */
const BUCKET_SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
/** Access point aliases, Object Lambda aliases, Multi-Region Access Points, directory and table buckets. */
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export const S3_BUCKET_ALLOWED = "an S3 bucket name: 3-63 lower case letters, digits, dots and hyphens, beginning and ending with a letter or digit";

/** Why `name` is not a general purpose bucket name, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (!BUCKET_SHAPE.test(name)) return `must be ${S3_BUCKET_ALLOWED}`;
  if (name.includes("..")) return "must not contain two adjacent periods (S3 bucket naming rules)";
  if (IP_ADDRESS.test(name)) return "must not be formatted as an IP address (S3 bucket naming rules)";
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with "${prefix}": S3 reserves that prefix`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with "${suffix}": S3 reserves that suffix`;
  return undefined;
}
