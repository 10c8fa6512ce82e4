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

/** A dependency cycle, as the names along it with the first repeated at the end, e.g. [web, api, web]. */
function findCycle(spec: MultiServiceConfig): string[] | undefined {
  // The dependencies that could close a cycle: on the service itself is refused on its own, and a
  // name that is not a service never stays among those left below.
  const dependencies = new Map(Object.entries(spec.services).map(([name, s]) => [name, Object.keys(s.dependsOn ?? {}).filter((other) => other !== name)]));
  // Set aside, again and again, every service whose dependencies are all set aside (Kahn's
  // topological sort): each one left waits for another one left, so a walk among them closes a cycle.
  let left = [...dependencies.keys()];
  for (let before = -1; before !== left.length; ) {
    before = left.length;
    left = left.filter((name) => dependencies.get(name)!.some((other) => left.includes(other)));
  }
  if (left.length === 0) return undefined;
  const path = [left[0]!];
  for (;;) {
    const next = dependencies.get(path.at(-1)!)!.find((other) => left.includes(other))!;
    if (path.includes(next)) return [...path.slice(path.indexOf(next)), next];
    path.push(next);
  }
}
