import type * as z from "zod";
import { dependencyCycle } from "../../constructs/limits/dependencies";
import { issue } from "./issue";
import type { MultiServiceConfig } from "./services";

/**
 * The rules of `services.<name>.dependsOn`: each names another service of the spec, reaching a
 * condition it can reach, and no chain of them leads back to where it started (compose refuses a
 * cycle too: nothing could start first).
 */

/** What a service waits for in each service it depends on (compose's service_started, service_healthy, service_completed_successfully). */
export const DEPENDS_ON_CONDITIONS = ["started", "healthy", "completed"] as const;
export type DependsOnCondition = (typeof DEPENDS_ON_CONDITIONS)[number];

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
  // The dependencies that could close a cycle: one on the service itself is refused above, and a
  // name that is not a service never stays in a cycle.
  const cycle = dependencyCycle(new Map(Object.entries(spec.services).map(([name, s]) => [name, Object.keys(s.dependsOn ?? {}).filter((other) => other !== name)])));
  if (cycle) {
    issue(ctx, ["services", cycle[0]!, "dependsOn", cycle[1]!], `closes a cycle (${cycle.join(" → ")}): each of these services would wait for the next, so none could start; remove one of these dependencies`);
  }
}
