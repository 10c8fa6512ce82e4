import type * as z from "zod";
import { priorityClash } from "../../constructs/route-order";
import { issue } from "./issue";
import type { MultiServiceConfig } from "./services";

/**
 * The rules of public services and their routes (docs/services.md, "Several public services"): one
 * public service takes every request no route matches; each other public service has a route (a
 * path prefix, a host name, or both), and no two routes match the same requests first.
 */

/** Where a routed public service is reached: requests under `path`, for `host`, or both. */
export interface Route {
  readonly path?: string;
  readonly host?: string;
  readonly priority?: number;
}

/** "/api", "api.example.com" or "api.example.com/v2": how messages name a route. */
export function routeText(route: Route): string {
  return `${route.host ?? ""}${route.path ?? ""}`;
}

export function checkRoutes(spec: MultiServiceConfig, ctx: z.RefinementCtx): void {
  const names = Object.keys(spec.services);
  const publicNames = names.filter((n) => spec.services[n]!.expose === "public");
  for (const name of names) {
    const route = spec.services[name]!.route;
    if (route === undefined) continue;
    if (spec.services[name]!.port === undefined) {
      issue(ctx, ["services", name, "route"], 'is set but the service has no port: a route sends requests to the port a public service listens on; give it a port and expose: "public", or remove route');
    } else if (spec.services[name]!.expose !== "public") {
      issue(ctx, ["services", name, "route"], 'is set but the service is not public: only a public service is routed to; set expose: "public", or remove route');
    } else if (route.path === undefined && route.host === undefined) {
      issue(ctx, ["services", name, "route"], 'names neither path nor host: give a path prefix like { path: "/api" }, a host like { host: "api.example.com" }, or both');
    }
  }
  if (publicNames.length === 0) {
    issue(ctx, ["services"], `has no public service: set expose: "public" on the service users reach (services: ${names.join(", ")})`);
    return;
  }
  const unrouted = publicNames.filter((n) => spec.services[n]!.route === undefined);
  if (unrouted.length === 0) {
    issue(ctx, ["services"], `has no public service without a route (public: ${publicNames.join(", ")}): one public service takes every request that no route matches; remove route from that one`);
  } else if (unrouted.length > 1) {
    issue(
      ctx,
      ["services"],
      `has ${unrouted.length} public services without a route (${unrouted.join(", ")}): only one takes the requests no route matches; give the others a route, e.g. route: { path: "/${unrouted[1]}" } or { host: "${unrouted[1]}.example.com" }`,
    );
  }
  // The routes that name what they match; one that names nothing is refused above.
  const routed = publicNames.flatMap((name) => {
    const route = spec.services[name]!.route;
    return route !== undefined && (route.path !== undefined || route.host !== undefined) ? [{ name, route }] : [];
  });
  const taken = new Map<string, string>();
  for (const { name, route } of routed) {
    const key = routeText(route);
    const first = taken.get(key);
    if (first === undefined) {
      taken.set(key, name);
    } else {
      issue(ctx, ["services", name, "route"], `is ${key}, the route of services.${first} too: one route reaches one service; give one of them another path or host`);
    }
  }
  const clash = priorityClash(routed.map(({ name, route }) => ({ name, pathPrefix: route.path, host: route.host, priority: route.priority })));
  if (clash !== undefined) {
    const both = spec.services[clash.route]!.route!.priority !== undefined && spec.services[clash.other]!.route!.priority !== undefined;
    issue(
      ctx,
      ["services", clash.route, "route"],
      both
        ? `has priority ${clash.priority}, as services.${clash.other}.route does: each route's priority is its own (ELB API Reference, CreateRule); choose another`
        : `would come at priority ${clash.priority} in the order routes are tried, as services.${clash.other}'s route does (a priority not written is numbered from the route's host or path depth and a hash of the service's name): give one of them route.priority, a number from 1 to 50000 that no other route takes`,
    );
  }
}
