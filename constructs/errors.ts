import type { IConstruct } from "constructs";
import { rangeProblem, type Range } from "./limits/rule";

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

/** Throws "<prop> <problem>, got <value>" when `problem` (a limits/ checker's answer) is defined. */
export function check(scope: IConstruct, prop: string, value: unknown, problem: string | undefined): void {
  if (problem !== undefined) throw new ValidationError(scope, `${prop} ${problem}, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
}

/** Throws a ValidationError unless `value` is a whole number within the range. */
export function checkWholeNumber(scope: IConstruct, prop: string, value: number, range: Range): void {
  check(scope, prop, value, rangeProblem(range, value));
}
