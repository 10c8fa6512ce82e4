import { existsSync, readFileSync } from "node:fs";
import { parse } from "dotenv";
import { BerthError } from "../../stacks/errors";

/**
 * The local values of the spec's secrets, read from a dotenv file (`NAME=value` lines): on AWS they
 * come from SSM or Secrets Manager, which a local run does not read. Every secret must have a value.
 */
export function localSecrets(names: readonly string[], file: string): Record<string, string> {
  if (names.length === 0) return {};
  if (!existsSync(file)) {
    throw new BerthError(
      `The spec has secrets (${names.join(", ")}), whose local values berth up reads from ${file}, which does not exist.\n` +
        "Create it with a NAME=value line for each (dotenv format; keep it out of git), or pass --secrets-file <path>, and run again.",
    );
  }
  const values = parse(readFileSync(file));
  const missing = names.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new BerthError(
      `${file} has no value for ${missing.join(", ")} (the spec's secrets: ${names.join(", ")}).\n` +
        `Add a line ${missing[0]}=<local value> for each and run again.`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, values[name]!]));
}
