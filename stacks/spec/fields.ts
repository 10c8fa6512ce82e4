import * as z from "zod";
import { HEALTH_COMMAND_ALLOWED, healthCommandProblem } from "../../constructs/limits/health-check";
import { rangeAllowed, type Pattern, type Range } from "../../constructs/limits/rule";
import { issue } from "./issue";

/**
 * Field builders shared by the spec schema. Each carries its own "what is allowed" message,
 * so that a rejected spec says exactly what to write instead.
 */

/**
 * A whole number within a range from constructs/limits, with that range's wording. A check without
 * an error of its own (int, min, max) reports the schema's: zod 4 passes it down.
 */
export function inRange(range: Range) {
  return z.number({ error: `must be ${rangeAllowed(range)}` }).int().min(range.min).max(range.max);
}

/** A string matching a pattern from constructs/limits, with that fact's wording. */
export function fact(p: Pattern) {
  return matching(p.pattern, p.allowed);
}

/**
 * A string refused with the rule text of a constructs/limits checker (e.g. cidrProblem), so that
 * the spec and the construct guards say the same thing.
 */
export function checkedText(allowed: string, problem: (value: string) => string | undefined) {
  return text(allowed).superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== undefined) issue(ctx, [], message);
  });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` });
}

/** A string matching `pattern`; a value of another type, or one that does not match, is refused with `allowed`. */
export function matching(pattern: RegExp, allowed: string) {
  return z.string({ error: `must be ${allowed}` }).regex(pattern);
}

export function text(allowed = "a string") {
  return z.string({ error: `must be ${allowed}` });
}

/** A string of at most `max` characters (validate.ts adds the length got). */
export function textUpTo(max: number, allowed = "a string") {
  return text(allowed).max(max, { error: `must be at most ${max} characters` });
}

/** The "what is allowed" of each union built by either(), for the message about mixed shapes. */
export const unionAllowed = new WeakMap<z.core.$ZodType, string>();

/** One of several object shapes; `allowed` describes each, e.g. "either { uri } for …, or { context } to …". */
export function either<const T extends readonly [z.core.$ZodType, ...z.core.$ZodType[]]>(options: T, allowed: string) {
  const union = z.union(options, { error: `must be ${allowed}` });
  unionAllowed.set(union, `must be ${allowed}`);
  return union;
}

/** A strict object; a value of another type is refused with the keys it takes, e.g. `{ name, path, uid? }`. */
export function object<const T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: `must be an object ${shapeText(shape)}` });
}

/** `{ name, path, uid? }`: the keys of an object schema, optional ones marked. */
function shapeText(shape: z.core.$ZodLooseShape): string {
  const keys = Object.entries(shape).map(([key, field]) => (field._zod.optin === "optional" ? `${key}?` : key));
  return `{ ${keys.join(", ")} }`;
}

/** A list of `items` (e.g. `IPv4 CIDRs like ["0.0.0.0/0"]`). */
export function list<T extends z.core.$ZodType>(item: T, items: string) {
  return z.array(item, { error: `must be a list of ${items}` });
}

/** A list of `items` with at least one item. */
export function nonEmptyList<T extends z.core.$ZodType>(item: T, items: string) {
  return list(item, items).min(1, { error: `must be a list of ${items} with at least one item` });
}

/** An object of names to values, e.g. environment variables. */
export function named<K extends z.core.$ZodType<string, string>, V extends z.core.$ZodType>(key: K, value: V, example: string) {
  return z.record(key, value, { error: `must be an object of names to values like ${example}` });
}

export function flag() {
  return z.boolean({ error: "must be true or false" });
}

const PARTITION = "aws(-cn|-us-gov)?";
const ACCOUNT = "\\d{12}";
const REGION = "[a-z]{2}(-gov)?-[a-z]+-\\d";
export const KMS_KEY_ARN = new RegExp(`^arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/[a-f0-9-]{36}$`);

export const ACM_CERTIFICATE_ARN = new RegExp(`^arn:${PARTITION}:acm:${REGION}:${ACCOUNT}:certificate/[A-Za-z0-9-]{1,64}$`);

/** A container health check's command (constructs/limits/health-check.ts says what ECS and Docker take). */
export function healthCommand() {
  return z.array(text(), { error: `must be a health check command: ${HEALTH_COMMAND_ALLOWED}` }).superRefine((command, ctx) => {
    const problem = healthCommandProblem(command);
    if (problem !== undefined) issue(ctx, [], problem);
  });
}
