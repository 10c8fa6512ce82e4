import type { IConstruct } from "constructs";
import { rangeProblem, type Range } from "./limits/rule";

/**
 * Invalid construct props: the message names the construct path and the value got. berth's
 * command line prints it alone, without a stack trace, as it does its own input errors.
 */
export class ValidationError extends Error {
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
