import type * as z from "zod";
import { issue } from "./issue";
import type { MultiServiceConfig } from "./services";

/**
 * The rules of `services.<name>.dependsOn`: each names another service of the spec, reaching a
 * condition it can reach, and no chain of them leads back to where it started (compose refuses a
 * cycle too: nothing could start first).
 */

/** What a service waits for in each service it depends on (compose's service_started, service_healthy, service_completed_successfully). */
export const DEPENDS_ON_CONDITIONS = ["started", "healthy", "completed"] as const;

export function checkDependencies(spec: MultiServiceConfig, ctx: z.RefinementCtx): void {
  const names = Object.keys(spec.services);
  for (const [name, service] of Object.entries(spec.services)) {
    for (const [other, condition] of Object.entries(service.dependsOn ?? {})) {
      const at = ["services", name, "dependsOn", other];
      const target = spec.services[other];
      if (other === name) {
        issue(ctx, at, "is the service itself: a service cannot wait for itself; remove this entry");
      } else if (target === undefined) {
        issue(ctx, at, `names no service of this spec (its services: ${names.join(", ")}): add ${other} under services, or remove this entry`);
      } else if (condition === "healthy" && target.containerHealthCheck === undefined) {
        issue(ctx, at, `is "healthy" but services.${other} has no containerHealthCheck, so it never reports healthy: give ${other} a containerHealthCheck, or wait for "started"`);
      } else if (condition === "completed" && target.port !== undefined) {
        issue(ctx, at, `is "completed" but services.${other} has a port: a service that serves never completes; wait for "started" or "healthy", or make ${other} a one-shot job without a port`);
      }
    }
  }
  const cycle = findCycle(spec);
  if (cycle) {
    issue(ctx, ["services", cycle[0]!, "dependsOn", cycle[1]!], `closes a cycle (${cycle.join(" → ")}): each of these services would wait for the next, so none could start; remove one of these dependencies`);
  }
}

/** The first dependency cycle, as the names along it with the first repeated at the end, e.g. [web, api, web]. */
function findCycle(spec: MultiServiceConfig): string[] | undefined {
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    const start = path.indexOf(name);
    if (start >= 0) return [...path.slice(start), name];
    if (done.has(name)) return undefined;
    for (const next of Object.keys(spec.services[name]?.dependsOn ?? {})) {
      if (next === name || spec.services[next] === undefined) continue;
      const found = visit(next, [...path, name]);
      if (found) return found;
    }
    done.add(name);
    return undefined;
  };
  for (const name of Object.keys(spec.services)) {
    const found = visit(name, []);
    if (found) return found;
  }
  return undefined;
}
