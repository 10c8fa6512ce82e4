import { z } from "zod";

/**
 * Field builders shared by the spec schema. Each carries its own "what is allowed" message,
 * so that a rejected spec says exactly what to write instead.
 */

export function wholeNumber(min: number, max: number, unit = "") {
  const allowed = `a whole number from ${min} to ${max}${unit ? ` ${unit}` : ""}`;
  return z
    .number({ error: `must be ${allowed}` })
    .int({ error: `must be ${allowed}` })
    .min(min, { error: `must be ${allowed}` })
    .max(max, { error: `must be ${allowed}` });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` });
}

export function matching(pattern: RegExp, allowed: string) {
  return z.string({ error: `must be ${allowed}` }).regex(pattern, { error: `must be ${allowed}` });
}

export function text(allowed = "a string") {
  return z.string({ error: `must be ${allowed}` });
}

export function flag() {
  return z.boolean({ error: "must be true or false" });
}

export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

const PARTITION = "aws(-cn|-us-gov)?";
const ACCOUNT = "\\d{12}";
const REGION = "[a-z]{2}(-gov)?-[a-z]+-\\d";
/** `arn:aws:ssm:<region>:<account>:parameter/<name>` */
export const SSM_PARAMETER_ARN = new RegExp(`^arn:${PARTITION}:ssm:(${REGION}):${ACCOUNT}:parameter/[A-Za-z0-9_.\\-/]+$`);
/**
 * `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>`, optionally followed by
 * `:<json-key>:<version-stage>:<version-id>` as ECS accepts it.
 */
export const SECRETS_MANAGER_ARN = new RegExp(
  `^arn:${PARTITION}:secretsmanager:(${REGION}):${ACCOUNT}:secret:[A-Za-z0-9/_+=.@\\-]+-[A-Za-z0-9]{6}(:[^:]*:[^:]*:[^:]*)?$`,
);
export const KMS_KEY_ARN = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/[a-f0-9-]{36}$`);

/** `<registry>/<repository>[:tag][@sha256:<64 hex>]`; a tag or a digest is required. */
export const IMAGE_URI =
  /^[a-z0-9.-]+(:\d+)?\/(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** The region part of an SSM or Secrets Manager ARN, or undefined. */
export function arnRegion(arn: string): string | undefined {
  return arn.split(":")[3];
}

export const ACM_CERTIFICATE_ARN = new RegExp(`^arn:${PARTITION}:acm:${REGION}:${ACCOUNT}:certificate/[A-Za-z0-9-]{1,64}$`);
