import { closest, distance } from "fastest-levenshtein";
import type * as z from "zod";
import { BerthError } from "../errors";
import { unionAllowed } from "./fields";
import { formatPath } from "./issue";
import { berthConfigSchema, type BerthConfig } from "./schema";
import { isMultiService, multiServiceSchema, type MultiServiceConfig } from "./services";

/** A validated spec in either form: the single service at the top level, or `services`. */
export type SpecConfig = BerthConfig | MultiServiceConfig;

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

/**
 * Validates a spec object in either form (a `services` key selects the services form); throws
 * ConfigError naming each field path, the value got and what is allowed.
 */
export function validateConfig(input: unknown, source: string): SpecConfig {
  const schema = isMultiService(input) ? multiServiceSchema : berthConfigSchema;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.flatMap((issue) => describeIssue(issue, input, schema)));
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.core.$ZodType): string[] {
  const path = issue.path as PropertyKey[];
  const value = valueAt(input, path);
  if (issue.code === "unrecognized_keys" || issue.code === "invalid_union") {
    const mixed = mixedShapes(schema, path, value);
    if (mixed !== undefined) return [mixed];
  }
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(schema, path, value);
    return issue.keys.map((key) => {
      const where = formatPath([...path, key]);
      // closest() of an empty list is undefined.
      const suggestion = closest(key, known) as string | undefined;
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
    // berth's unions share no key, so at most one option has all of its fields written.
    const meant = isPlainObject(value) ? issue.errors.find((branch) => branch.every((i) => valueAt(input, [...path, ...i.path]) !== undefined)) : undefined;
    if (meant) return meant.flatMap((i) => describeIssue({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, input, schema));
    return [`${formatPath(path)}: ${issue.message} (got ${formatValue(value)})`];
  }
  // berth's own checks say when a missing field is needed; only the schema's own issues mean "required".
  if (value === undefined) return [`${formatPath(path)}: ${issue.message} (got nothing${issue.code === "custom" ? "" : ": the field is required"})`];
  // A string longer than the rule's "at most N characters" gets its length first.
  const max = Number(/\bat most (\d+) characters\b/.exec(issue.message)?.[1]);
  const length = typeof value === "string" && value.length > max ? `${value.length} characters: ` : "";
  return [`${formatPath(path)}: ${issue.message} (got ${length}${formatValue(value)})`];
}

/**
 * When `value`, at a union of object shapes (fields.ts either()), holds keys that only different
 * shapes have: which keys, and that the shapes cannot be mixed.
 */
function mixedShapes(schema: z.core.$ZodType, path: readonly PropertyKey[], value: unknown): string | undefined {
  const union = unionAt(schema, path);
  if (union === undefined || !isPlainObject(value)) return undefined;
  // Every union of the spec is built by either(), which records its wording.
  const allowed = unionAllowed.get(union);
  const keysOf = optionsOf(union).map((o) => knownKeysAt(o, []));
  const groups = keysOf
    .map((own, i) => Object.keys(value).filter((k) => own.includes(k) && !keysOf.some((other, j) => j !== i && other.includes(k))))
    .filter((group) => group.length > 0);
  if (groups.length < 2) return undefined;
  const keys = groups.map((group) => group.map((k) => `"${k}"`).join(", "));
  return `${formatPath(path)}: mixes ${keys.join(" with ")}, which belong to different shapes that cannot be mixed: it ${allowed}; keep the keys of one shape (got ${formatValue(value)})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A value as JSON; a string whole, anything longer than 80 characters cut to 77 and "...". */
function formatValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return typeof value === "string" || json.length <= 80 ? json : `${json.slice(0, 77)}...`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, seg) => (value as Record<PropertyKey, unknown> | null | undefined)?.[seg], input);
}

/** The union schema at `path`, if there is one. */
function unionAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "optional") return unionAt(def.innerType as z.core.$ZodType, path);
  if (path.length === 0) return def.type === "union" ? schema : undefined;
  const child = childAt(def, path[0]!);
  return child && unionAt(child, path.slice(1));
}

/** The schema of an array's element, a record's value or an object's field `key`; undefined elsewhere. */
function childAt(def: Record<string, unknown> & { type: string }, key: PropertyKey): z.core.$ZodType | undefined {
  switch (def.type) {
    case "array":
      return def.element as z.core.$ZodType;
    case "record":
      return def.valueType as z.core.$ZodType;
    case "object":
      return (def.shape as Record<string, z.core.$ZodType>)[String(key)];
    default:
      return undefined;
  }
}

function optionsOf(union: z.core.$ZodType): z.core.$ZodType[] {
  return (union._zod.def as unknown as { options: z.core.$ZodType[] }).options;
}

/**
 * The keys an object schema at `path` accepts. At a union: the keys of the options that take every
 * key of `value` some option knows (the shape the user evidently wrote), or of every option.
 */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], value?: unknown): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "optional") return knownKeysAt(def.innerType as z.core.$ZodType, path, value);
  if (def.type === "union") {
    const keysOf = (def.options as z.core.$ZodType[]).map((o) => knownKeysAt(o, path, value));
    const written = path.length === 0 && isPlainObject(value) ? Object.keys(value).filter((k) => keysOf.some((keys) => keys.includes(k))) : [];
    const fitting = keysOf.filter((keys) => written.every((k) => keys.includes(k)));
    return [...new Set((fitting.length > 0 ? fitting : keysOf).flat())];
  }
  if (path.length === 0) return def.type === "object" ? Object.keys(def.shape as Record<string, z.core.$ZodType>) : [];
  const child = childAt(def, path[0]!);
  return child ? knownKeysAt(child, path.slice(1), value) : [];
}
