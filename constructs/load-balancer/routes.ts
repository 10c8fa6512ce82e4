import type { IConstruct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { ALB_RULES_MAX, LISTENER_RULE_PRIORITY, ROUTE_HOST, ROUTE_PATH } from "../limits/routes";
import { patternProblem } from "../limits/rule";
import { priorityClash } from "../route-order";
import type { LoadBalancerRouteProps } from "./props";

/** Listener rules of a load balancer's routes: their conditions, and what the ALB would refuse. Their order: constructs/route-order.ts. */

/** The ALB's match conditions of a route: path `<prefix>` and `<prefix>/*`, and the host. */
export function routeConditions(route: LoadBalancerRouteProps): { pathPattern?: { values: string[] }; hostHeader?: { values: string[] } }[] {
  return [
    ...(route.host !== undefined ? [{ hostHeader: { values: [route.host] } }] : []),
    ...(route.pathPrefix !== undefined ? [{ pathPattern: { values: [route.pathPrefix, `${route.pathPrefix}/*`] } }] : []),
  ];
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
  const clash = priorityClash(routes);
  if (clash !== undefined) {
    throw new ValidationError(
      scope,
      `route "${clash.route}" would take rule priority ${clash.priority}, as route "${clash.other}" does (a priority not given is numbered from the route's host or path depth and a hash of its name): give one of them a priority from 1 to 50000 that no other route takes`,
    );
  }
}
