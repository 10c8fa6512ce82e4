import type { IConstruct } from "constructs";

/**
 * An error caused by the user's input (spec, props, flags, environment), not by a bug in berth.
 * The command line prints its message alone, without a stack trace, and exits 1.
 */
export class BerthError extends Error {
  override name = "BerthError";
}

/** Invalid construct props: the message names the construct path and the value got. */
export class ValidationError extends BerthError {
  override name = "ValidationError";
  constructor(scope: IConstruct, message: string) {
    super(`${scope.node.path}: ${message}`);
  }
}

/** Throws a ValidationError unless `value` is a whole number within [min, max]. */
export function checkWholeNumber(scope: IConstruct, prop: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, `${prop} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}
