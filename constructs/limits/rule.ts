/**
 * The shapes of a limit. Each fact carries the wording of what is allowed, so that the spec (zod)
 * and a construct guard refusing the same value say the same rule.
 */

/** A whole number within [min, max]. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

/** A string matching `pattern`; `allowed` completes "must be …". */
export interface Pattern {
  readonly pattern: RegExp;
  readonly allowed: string;
}

/** "a whole number from 5 to 300 seconds" */
export function rangeAllowed(range: Range): string {
  return `a whole number from ${range.min} to ${range.max}${range.unit ? ` ${range.unit}` : ""}`;
}

/** "must be a whole number from …", or undefined when `value` is within the range. */
export function rangeProblem(range: Range, value: number): string | undefined {
  return Number.isInteger(value) && value >= range.min && value <= range.max ? undefined : `must be ${rangeAllowed(range)}`;
}

/** "must be <allowed>", or undefined when `value` matches. */
export function patternProblem(fact: Pattern, value: string): string | undefined {
  return fact.pattern.test(value) ? undefined : `must be ${fact.allowed}`;
}
