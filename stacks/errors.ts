import { ValidationError } from "../constructs/errors";

/**
 * An error caused by the user's input (spec, flags, environment, missing tool), not by a bug in
 * berth. The command line prints its message alone, without a stack trace, and exits 1.
 */
export class BerthError extends Error {
  override name = "BerthError";
}

/** Whether `error` is the user's to fix: a BerthError, or a construct's ValidationError (invalid props). */
export function isUserError(error: unknown): error is Error {
  return error instanceof BerthError || error instanceof ValidationError;
}
