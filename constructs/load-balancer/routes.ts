import { createHash } from "node:crypto";
import type { IConstruct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { ALB_RULES_MAX, LISTENER_RULE_PRIORITY, ROUTE_HOST, ROUTE_PATH } from "../limits/routes";
import { patternProblem } from "../limits/rule";
import type { LoadBalancerRouteProps } from "./props";

/**
 * Listener rules of a load balancer's routes. The ALB evaluates rules by priority, lowest first
 * (ELB User Guide, listener-rules.html), so a more specific route needs a lower number: host routes
 * (a host is a site of its own, as in Caddy) come before path-only ones, deeper paths before
 * shallower. Within those bands a route's number comes from its name, so it never moves when
 * another route comes or goes.
 */

/** Path segments a band is kept for: ROUTE_PATH allows at most 16. */
const MAX_SEGMENTS = 16;
const BAND_SIZE = 1000;

/** The ALB's match conditions of a route: path `<prefix>` and `<prefix>/*`, and the host. */
export function routeConditions(route: LoadBalancerRouteProps): { pathPattern?: { values: string[] }; hostHeader?: { values: string[] } }[] {
  return [
    ...(route.host !== undefined ? [{ hostHeader: { values: [route.host] } }] : []),
    ...(route.pathPrefix !== undefined ? [{ pathPattern: { values: [route.pathPrefix, `${route.pathPrefix}/*`] } }] : []),
  ];
}

/**
 * Each route's rule priority: the one given, or band × 1000 + a slot from its name's hash (the
 * next free one on a clash, routes taken by name). Bands 0-16 hold host routes (0: 16 segments),
 * 17-32 path-only ones: at most 33,000, within the ALB's 50,000.
 */
export function routePriorities(routes: readonly LoadBalancerRouteProps[]): Map<string, number> {
  const priorities = new Map<string, number>();
  const taken = new Set<number>();
  for (const r of routes) {
    if (r.priority === undefined) continue;
    priorities.set(r.name, r.priority);
    taken.add(r.priority);
  }
  for (const r of [...routes].filter((r) => r.priority === undefined).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const segments = r.pathPrefix === undefined ? 0 : r.pathPrefix.split("/").length - 1;
    const band = (r.host !== undefined ? 0 : MAX_SEGMENTS + 1) + MAX_SEGMENTS - segments;
    const start = Number.parseInt(createHash("sha256").update(r.name).digest("hex").slice(0, 8), 16) % BAND_SIZE;
    let slot = start;
    while (taken.has(band * BAND_SIZE + slot + 1)) slot = (slot + 1) % BAND_SIZE;
    priorities.set(r.name, band * BAND_SIZE + slot + 1);
    taken.add(band * BAND_SIZE + slot + 1);
  }
  return priorities;
}

/** Refuses a route the ALB would refuse, or one that could never be reached. */
export function validateRoutes(scope: IConstruct, routes: readonly LoadBalancerRouteProps[]): void {
  const names = new Set<string>();
  const matches = new Map<string, string>();
  const priorities = new Map<number, string>();
  if (routes.length > ALB_RULES_MAX) {
    throw new ValidationError(scope, `routes holds ${routes.length} routes, more than the ${ALB_RULES_MAX} rules an Application Load Balancer takes by default (ELB User Guide, load-balancer-limits.html): route by fewer paths or hosts, or split the app`);
  }
  routes.forEach((r, i) => {
    const at = `routes[${i}]`;
    if (names.has(r.name)) throw new ValidationError(scope, `${at}.name "${r.name}" is the name of an earlier route too: each route needs a name of its own`);
    names.add(r.name);
    if (r.pathPrefix === undefined && r.host === undefined) {
      throw new ValidationError(scope, `${at} ("${r.name}") has neither pathPrefix nor host: a route matches some requests; the default target group takes the rest`);
    }
    if (r.pathPrefix !== undefined) check(scope, `${at}.pathPrefix`, r.pathPrefix, patternProblem(ROUTE_PATH, r.pathPrefix));
    if (r.host !== undefined) check(scope, `${at}.host`, r.host, patternProblem(ROUTE_HOST, r.host));
    const match = `${r.host ?? ""}${r.pathPrefix ?? ""}`;
    const first = matches.get(match);
    if (first !== undefined) throw new ValidationError(scope, `${at} ("${r.name}") matches ${match}, as route "${first}" does: the later one would never be reached; give it another path or host`);
    matches.set(match, r.name);
    if (r.priority !== undefined) {
      checkWholeNumber(scope, `${at}.priority`, r.priority, LISTENER_RULE_PRIORITY);
      const other = priorities.get(r.priority);
      if (other !== undefined) throw new ValidationError(scope, `${at}.priority ${r.priority} is route "${other}"'s too: priorities are unique on a listener (ELB API Reference, CreateRule); choose another`);
      priorities.set(r.priority, r.name);
    }
  });
}
