import type * as z from "zod";
import { berthConfigSchema } from "../../../stacks/spec/schema";
import { multiServiceSchema } from "../../../stacks/spec/services";
import { CERTIFICATE_ARN, problemsOf } from "../../helpers";

/**
 * Every field of the spec, fed values of every wrong type: no problem line may carry zod's own
 * wording ("Invalid input: expected string, received number", "Too small: expected array to have
 * >=1 items", …), whatever field a future change adds.
 */

const ZOD_WORDING = /Invalid (input|option|string|key|element|value|union)|Too (small|big)|expected \w+, received|Unrecognized key|expected (array|string|number) to (have|be)/i;

const WRONG_VALUES: readonly unknown[] = [5, -1, 1.5, "x", "", "x".repeat(2000), true, null, [], [5], ["x"], {}, { A: 5 }, { zz: 1 }];

type Path = readonly (string | number)[];

/** The path of every field in the schema (array items as [0], record values under the key "A"). */
function fieldPaths(schema: z.core.$ZodType, path: Path = []): Path[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
      return fieldPaths(def.innerType as z.core.$ZodType, path);
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap((o) => fieldPaths(o, path));
    case "array":
      return [[...path, 0], ...fieldPaths(def.element as z.core.$ZodType, [...path, 0])];
    case "record":
      return [[...path, "A"], ...fieldPaths(def.valueType as z.core.$ZodType, [...path, "A"])];
    case "object":
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).flatMap(([key, child]) => [[...path, key], ...fieldPaths(child, [...path, key])]);
    default:
      return [];
  }
}

const APP = { app: "shop", region: "eu-west-1", targets: ["fargate", "ec2"], fargate: { https: { certificateArn: CERTIFICATE_ARN } } };
const SINGLE = { ...APP, image: { context: "./app" }, port: 8080 };
const SERVICES = { ...APP, services: { web: { image: { context: "./app" }, port: 8080, expose: "public" } } };

/** A copy of the valid spec `base` (for both targets) with `value` written at `path`. */
function specWith(base: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const spec = structuredClone(base);
  let at: Record<string | number, unknown> = spec;
  path.forEach((seg, i) => {
    if (i === path.length - 1) {
      at[seg] = value;
      return;
    }
    const next = at[seg];
    at[seg] = next !== null && typeof next === "object" ? next : typeof path[i + 1] === "number" ? [] : {};
    at = at[seg] as Record<string | number, unknown>;
  });
  return spec;
}

describe("no library wording reaches the user", () => {
  const paths = fieldPaths(berthConfigSchema);

  it("walks every field of the spec (more than 100 paths)", () => {
    expect(paths.length).toBeGreaterThan(100);
  });

  it("no problem line of a wrong value at any field carries zod's own wording", () => {
    const leaks = paths.flatMap((path) =>
      WRONG_VALUES.flatMap((value) => problemsOf(specWith(SINGLE, path, value)).filter((line) => ZOD_WORDING.test(line)).map((line) => `${path.join(".")} = ${JSON.stringify(value).slice(0, 20)}: ${line}`)),
    );
    expect(leaks).toEqual([]);
  });

  it("no problem line of a wrong value at any field of a service in the services form carries zod's own wording", () => {
    // The record's key is the service name: "web", a valid one, so that only the wrong value is refused.
    const servicePaths = fieldPaths(multiServiceSchema)
      .filter((path) => path[0] === "services")
      .map((path) => path.map((seg, i) => (i === 1 ? "web" : seg)));
    expect(servicePaths.length).toBeGreaterThan(30);
    const leaks = servicePaths.flatMap((path) =>
      WRONG_VALUES.flatMap((value) => problemsOf(specWith(SERVICES, path, value)).filter((line) => ZOD_WORDING.test(line)).map((line) => `${path.join(".")} = ${JSON.stringify(value).slice(0, 20)}: ${line}`)),
    );
    expect(leaks).toEqual([]);
  });

  it("a spec that is not an object is worded too", () => {
    expect([null, 5, "x", []].flatMap((spec) => problemsOf(spec)).filter((line) => ZOD_WORDING.test(line))).toEqual([]);
  });
});
