import type { Problem } from "./service";

/**
 * A compose `depends_on` (Compose Specification, depends_on: the short list, or the long mapping
 * with `condition`, `required`, `restart`) as the service's `dependsOn`. The spec then checks the
 * names and conditions (stacks/spec/dependencies.ts).
 */

/** Compose's conditions and the spec's. */
const CONDITIONS: Readonly<Record<string, string>> = { service_started: "started", service_healthy: "healthy", service_completed_successfully: "completed" };

export function dependsOnOf(value: unknown, problem: Problem): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    value.forEach((name, i) => {
      if (typeof name === "string") out[name] = "started";
      else problem(["depends_on", i], `must be a service name (got ${JSON.stringify(name)})`);
    });
    return out;
  }
  if (value === null || typeof value !== "object") {
    problem(["depends_on"], `must be a list of service names, or a mapping of names to { condition } (got ${JSON.stringify(value)})`);
    return undefined;
  }
  for (const [name, entry] of Object.entries(value)) {
    const at = ["depends_on", name];
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      problem(at, `must be a mapping { condition } (got ${JSON.stringify(entry)})`);
      continue;
    }
    const { condition = "service_started", required, restart, ...rest } = entry as Record<string, unknown>;
    for (const key of Object.keys(rest)) problem([...at, key], "is not a depends_on key berth maps (condition, required, restart): remove it");
    if (required === false) problem([...at, "required"], "is false, but berth deploys every service of the file and each one it depends on: remove it");
    if (restart === true) problem([...at, "restart"], `is true, but berth does not restart a service when ${name} is replaced: remove it`);
    const mapped = typeof condition === "string" ? CONDITIONS[condition] : undefined;
    if (mapped === undefined) {
      problem([...at, "condition"], `must be one of ${Object.keys(CONDITIONS).join(", ")} (got ${JSON.stringify(condition)})`);
      continue;
    }
    out[name] = mapped;
  }
  return out;
}
