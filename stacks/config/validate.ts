import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import { BerthError } from "../../constructs/errors";
import { berthConfigSchema, type BerthConfig } from "./schema";

/** A spec that failed validation; the message lists every problem, one a line. */
export class ConfigError extends BerthError {
  override name = "ConfigError";
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid berth spec in ${source} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  ✖ ${p}`).join("\n") +
        "\nFix the spec and run again; every field is described in docs/spec.md.",
    );
  }
}

/** Validates a spec object; throws ConfigError naming each field path, the value got and what is allowed. */
export function validateConfig(input: unknown, source: string): BerthConfig {
  const result = berthConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.flatMap((issue) => describeIssue(issue, input)));
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(berthConfigSchema, path);
    return issue.keys.map((key) => {
      const where = formatPath([...path, key]);
      const suggestion = known.length > 0 ? closest(key, known) : undefined;
      const hint = suggestion !== undefined && distance(key, suggestion) <= Math.max(2, key.length / 3) ? `did you mean "${suggestion}"? ` : "";
      return `${where}: unknown key; ${hint}allowed keys here: ${known.join(", ")}`;
    });
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0]?.message ?? issue.message;
    return [`${formatPath(path.slice(0, -1))}: key ${JSON.stringify(String(path.at(-1)))} is not allowed: ${inner}`];
  }
  if (issue.code === "invalid_union") {
    // Report the option the user evidently meant: the one whose fields are all present.
    const meant = issue.errors
      .filter((branch) => branch.every((i) => valueAt(input, [...path, ...i.path]) !== undefined))
      .sort((a, b) => a.length - b.length)[0];
    if (meant) return meant.flatMap((i) => describeIssue({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, input));
    return [`${formatPath(path)}: ${issue.message} (got ${formatValue(valueAt(input, path))})`];
  }
  const value = valueAt(input, path);
  const got = value === undefined ? "got nothing: the field is required" : `got ${formatValue(value)}`;
  return [`${formatPath(path)}: ${issue.message} (${got})`];
}

/** `volumes[0].path`, or `(spec)` for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(spec)";
  return path.reduce<string>((out, seg) => (typeof seg === "number" ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg)), "");
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const seg of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[seg];
  }
  return value;
}

/** The keys an object schema at `path` accepts (for unions: the keys of every option). */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
      return knownKeysAt(def.innerType as z.core.$ZodType, path);
    case "union":
      return [...new Set((def.options as z.core.$ZodType[]).flatMap((o) => knownKeysAt(o, path)))];
    case "array":
      return path.length > 0 ? knownKeysAt(def.element as z.core.$ZodType, path.slice(1)) : [];
    case "record":
      return path.length > 0 ? knownKeysAt(def.valueType as z.core.$ZodType, path.slice(1)) : [];
    case "object": {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (path.length === 0) return Object.keys(shape);
      const child = shape[String(path[0])];
      return child ? knownKeysAt(child, path.slice(1)) : [];
    }
    default:
      return [];
  }
}
