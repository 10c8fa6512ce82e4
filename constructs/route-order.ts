import { createHash } from "node:crypto";

/**
 * The order in which routes to public services are tried, shared by the load balancer's listener
 * rules and the host's Caddy proxy so that both targets send a request to the same service. The
 * ALB evaluates rules by priority, lowest first (ELB User Guide, listener-rules.html), so a more
 * specific route needs a lower number: host routes (a host is a site of its own, as in Caddy) come
 * before path-only ones, deeper paths before shallower. Within those bands a route's number comes
 * from its name, so it never moves when another route comes or goes: Terraform would otherwise
 * renumber rules in place, and the ELB API refuses a priority another rule still holds
 * (PriorityInUse). Two routes whose names give one number are a clash for the caller to report.
 */

/** What decides a route's priority. */
export interface RouteShape {
  readonly name: string;
  readonly pathPrefix?: string;
  readonly host?: string;
  /** Given instead of derived. */
  readonly priority?: number;
}

/** Path depths with a band of their own; deeper prefixes share the deepest band. */
const DEPTH_BANDS = 8;
/** Numbers per band: 17 bands of 2,900 fit the ALB's 50,000. */
const BAND_SIZE = 2900;

/**
 * A route's priority: the one given, or band × 2900 + 1 + (its name's hash mod 2900). Bands 0-8
 * hold host routes (0: a path of 8 segments or more, 8: the host alone), 9-16 path-only ones (9: 8
 * segments or more): at most 49,300, within the ALB's 50,000. n routes of one band clash with a
 * chance of about n²/5800 (1.7 % for 10).
 */
export function routePriority(route: RouteShape): number {
  if (route.priority !== undefined) return route.priority;
  const segments = Math.min(DEPTH_BANDS, route.pathPrefix === undefined ? 0 : route.pathPrefix.split("/").length - 1);
  const band = route.host !== undefined ? DEPTH_BANDS - segments : 2 * DEPTH_BANDS + 1 - segments;
  return band * BAND_SIZE + 1 + (Number.parseInt(createHash("sha256").update(route.name).digest("hex").slice(0, 8), 16) % BAND_SIZE);
}

/** Two routes that would take one priority: `route` (the later by name) and `other`. */
export interface PriorityClash {
  readonly route: string;
  readonly other: string;
  readonly priority: number;
}

/** The first clash among `routes`, taken by name, or undefined when every priority is distinct. */
export function priorityClash(routes: readonly RouteShape[]): PriorityClash | undefined {
  const holders = new Map<number, string>();
  for (const r of [...routes].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const priority = routePriority(r);
    const other = holders.get(priority);
    if (other !== undefined) return { route: r.name, other, priority };
    holders.set(priority, r.name);
  }
  return undefined;
}
