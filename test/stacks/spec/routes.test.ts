import { resolveConfig } from "../../../stacks/spec/resolve";
import { validateConfig } from "../../../stacks/spec/validate";
import { problemsOf } from "../../helpers";

/**
 * Routes of public services in the services form (docs/services.md, "Several public services"): one
 * public service takes every request no route matches; each other public service has a route, a path
 * prefix, a host name or both. Each rule's message is asserted whole.
 */

const APP = { app: "shop", region: "eu-west-1", targets: ["ec2"] };
const WEB = { image: { context: "./web" }, port: 8080, expose: "public" };
const API = { image: { context: "./api" }, port: 9000, expose: "public" };
const DB = { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432, expose: "internal" };
const WORKER = { image: { context: "./web" }, command: ["worker"] };
const spec = (services: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ ...APP, services, ...more });
const resolved = (input: Record<string, unknown>) => resolveConfig(validateConfig(input, "x"), "/work/app");
/** The spec with WEB as the default public service and API routed by `route`. */
const routedApi = (route: Record<string, unknown>) => spec({ web: WEB, api: { ...API, route } });

const PATH_RULE = 'must be a path prefix like "/api": "/" and 1-16 segments of letters, digits, ".", "_", "~" or "-", no trailing "/", at most 126 characters';
const HOST_RULE = 'must be a lower case host name like "api.example.com", at most 128 characters';

describe("routed public services are accepted", () => {
  it("accepts a path route, a host route and a host-and-path route beside the default public service", () => {
    const admin = { ...API, route: { host: "admin.example.com" } };
    const v2 = { ...API, route: { host: "api.example.com", path: "/v2" } };
    expect(problemsOf(spec({ web: WEB, api: { ...API, route: { path: "/api" } }, admin, v2 }))).toEqual([]);
  });

  it('accepts the path "/api" without a host beside "/api" on a host (two different routes)', () => {
    expect(problemsOf(spec({ web: WEB, api: { ...API, route: { path: "/api" } }, other: { ...API, route: { host: "api.example.com", path: "/api" } } }))).toEqual([]);
  });

  it("accepts a path, a host and a host-and-path route on both targets with fargate HTTPS by a domain", () => {
    const https = { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };
    const services = { web: WEB, api: { ...API, route: { path: "/api" } }, admin: { ...API, route: { host: "admin.example.com" } }, v2: { ...API, route: { host: "api.example.com", path: "/v2" } } };
    expect(problemsOf(spec(services, { targets: ["ec2", "fargate"], fargate: { https } }))).toEqual([]);
  });

  it('accepts "/api/v2" beside "/api" (a deeper prefix is a route of its own)', () => {
    expect(problemsOf(spec({ web: WEB, api: { ...API, route: { path: "/api" } }, v2: { ...API, route: { path: "/api/v2" } } }))).toEqual([]);
  });

  it("accepts a path route and a host route on both targets with fargate plainHttp", () => {
    const services = { web: WEB, api: { ...API, route: { path: "/api" } }, admin: { ...API, route: { host: "admin.example.com" } } };
    expect(problemsOf(spec(services, { targets: ["ec2", "fargate"], fargate: { plainHttp: true } }))).toEqual([]);
  });
});

describe("a route's path prefix", () => {
  // The ALB takes a path pattern of at most 128 characters (ELB API Reference, PathPatternConditionConfig);
  // berth matches `<prefix>` and `<prefix>/*`, so a prefix may take 126.
  it("accepts a path prefix of exactly 126 characters", () => {
    expect(problemsOf(routedApi({ path: `/${"x".repeat(125)}` }))).toEqual([]);
  });

  it("refuses a path prefix of 127 characters, saying its length", () => {
    expect(problemsOf(routedApi({ path: `/${"x".repeat(126)}` }))).toEqual([`services.api.route.path: ${PATH_RULE} (got 127 characters: "/${"x".repeat(126)}")`]);
  });

  // berth's own limit: 16 segments (the listener rule priority bands of constructs/load-balancer/routes.ts).
  it("accepts a path prefix of 16 segments", () => {
    expect(problemsOf(routedApi({ path: "/a".repeat(16) }))).toEqual([]);
  });

  it("refuses a path prefix of 17 segments", () => {
    expect(problemsOf(routedApi({ path: "/a".repeat(17) }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "${"/a".repeat(17)}")`]);
  });

  it('accepts a path prefix of one character after "/" ("/a")', () => {
    expect(problemsOf(routedApi({ path: "/a" }))).toEqual([]);
  });

  it('accepts a path prefix of letters, digits, ".", "_", "~" and "-" ("/v1.2_beta~x-y")', () => {
    expect(problemsOf(routedApi({ path: "/v1.2_beta~x-y" }))).toEqual([]);
  });

  it('refuses "/" alone', () => {
    expect(problemsOf(routedApi({ path: "/" }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "/")`]);
  });

  it('refuses a path without a leading "/" ("api")', () => {
    expect(problemsOf(routedApi({ path: "api" }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "api")`]);
  });

  it('refuses a path with a trailing "/" ("/api/")', () => {
    expect(problemsOf(routedApi({ path: "/api/" }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "/api/")`]);
  });

  it('refuses a path with a wildcard ("/api/*")', () => {
    expect(problemsOf(routedApi({ path: "/api/*" }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "/api/*")`]);
  });

  it('refuses a path with a space ("/my api")', () => {
    expect(problemsOf(routedApi({ path: "/my api" }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "/my api")`]);
  });

  it('refuses an empty segment ("/api//v2")', () => {
    expect(problemsOf(routedApi({ path: "/api//v2" }))).toEqual([`services.api.route.path: ${PATH_RULE} (got "/api//v2")`]);
  });
});

describe("a route's host", () => {
  // An ALB host-header value takes at most 128 characters and must hold a "." (ELB User Guide,
  // rule-condition-types.html, "Host conditions").
  it("accepts a host of exactly 128 characters", () => {
    expect(problemsOf(routedApi({ host: `${"x".repeat(63)}.${"x".repeat(60)}.com` }))).toEqual([]);
  });

  it("refuses a host of 129 characters, saying its length", () => {
    const host = `${"x".repeat(63)}.${"x".repeat(61)}.com`;
    expect(problemsOf(routedApi({ host }))).toEqual([`services.api.route.host: ${HOST_RULE} (got 129 characters: "${host}")`]);
  });

  it('refuses a host without a "." ("api")', () => {
    expect(problemsOf(routedApi({ host: "api" }))).toEqual([`services.api.route.host: ${HOST_RULE} (got "api")`]);
  });

  // A DNS label holds at most 63 characters (RFC 1035, 2.3.4).
  it("refuses a host with a label of 64 characters", () => {
    const host = `${"x".repeat(64)}.example.com`;
    expect(problemsOf(routedApi({ host }))).toEqual([`services.api.route.host: ${HOST_RULE} (got "${host}")`]);
  });

  it('refuses a host with upper case letters ("API.example.com")', () => {
    expect(problemsOf(routedApi({ host: "API.example.com" }))).toEqual([`services.api.route.host: ${HOST_RULE} (got "API.example.com")`]);
  });

  it('refuses a host with a wildcard ("*.example.com")', () => {
    expect(problemsOf(routedApi({ host: "*.example.com" }))).toEqual([`services.api.route.host: ${HOST_RULE} (got "*.example.com")`]);
  });

  it('refuses a host with a port ("api.example.com:8443"): a host condition matches the name alone', () => {
    expect(problemsOf(routedApi({ host: "api.example.com:8443" }))).toEqual([`services.api.route.host: ${HOST_RULE} (got "api.example.com:8443")`]);
  });
});

describe("the rules of public services and their routes", () => {
  it("refuses a route on an internal service", () => {
    expect(problemsOf(spec({ web: WEB, db: { ...DB, route: { path: "/db" } } }))).toEqual([
      'services.db.route: is set but the service is not public: only a public service is routed to; set expose: "public", or remove route (got {"path":"/db"})',
    ]);
  });

  it("refuses a route on a worker without a port, asking for a port", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, route: { path: "/jobs" } } }))).toEqual([
      'services.worker.route: is set but the service has no port: a route sends requests to the port a public service listens on; give it a port and expose: "public", or remove route (got {"path":"/jobs"})',
    ]);
  });

  it("refuses a route with neither path nor host", () => {
    expect(problemsOf(routedApi({}))).toEqual([
      'services.api.route: names neither path nor host: give a path prefix like { path: "/api" }, a host like { host: "api.example.com" }, or both (got {})',
    ]);
  });

  it("refuses two routes that name neither path nor host each for that alone, not as one route twice", () => {
    expect(problemsOf(spec({ web: WEB, api: { ...API, route: {} }, admin: { ...API, route: {} } }))).toEqual([
      'services.api.route: names neither path nor host: give a path prefix like { path: "/api" }, a host like { host: "api.example.com" }, or both (got {})',
      'services.admin.route: names neither path nor host: give a path prefix like { path: "/api" }, a host like { host: "api.example.com" }, or both (got {})',
    ]);
  });

  it("refuses an app whose every public service has a route", () => {
    expect(problemsOf(spec({ web: { ...WEB, route: { path: "/web" } }, api: { ...API, route: { path: "/api" } } }))).toEqual([
      'services: has no public service without a route (public: web, api): one public service takes every request that no route matches; remove route from that one (got {"web":{"image":{"context":"./web"},"port":8080,"expose":"public","route":{"p...)',
    ]);
  });

  it("refuses an app of no public service", () => {
    expect(problemsOf(spec({ db: DB, worker: WORKER }))).toEqual([
      'services: has no public service: set expose: "public" on the service users reach (services: db, worker) (got {"db":{"image":{"uri":"public.ecr.aws/docker/library/postgres:17"},"port":543...)',
    ]);
  });

  it("refuses two public services on one path, naming the first", () => {
    expect(problemsOf(spec({ web: WEB, api: { ...API, route: { path: "/api" } }, v2: { ...API, route: { path: "/api" } } }))).toEqual([
      'services.v2.route: is /api, the route of services.api too: one route reaches one service; give one of them another path or host (got {"path":"/api"})',
    ]);
  });

  it("refuses two public services on one host, naming the first", () => {
    expect(problemsOf(spec({ web: WEB, admin: { ...API, route: { host: "admin.example.com" } }, backoffice: { ...API, route: { host: "admin.example.com" } } }))).toEqual([
      'services.backoffice.route: is admin.example.com, the route of services.admin too: one route reaches one service; give one of them another path or host (got {"host":"admin.example.com"})',
    ]);
  });

  it("refuses two public services on one host and path, naming the first", () => {
    const route = { host: "api.example.com", path: "/v2" };
    expect(problemsOf(spec({ web: WEB, api: { ...API, route }, v2: { ...API, route } }))).toEqual([
      'services.v2.route: is api.example.com/v2, the route of services.api too: one route reaches one service; give one of them another path or host (got {"host":"api.example.com","path":"/v2"})',
    ]);
  });
});

// An ALB listener rule's priority is 1-50000 and unique on its listener (ELB API Reference, CreateRule).
describe("a route's priority", () => {
  const PRIORITY_RULE = "must be a whole number from 1 to 50000";
  const svc = (name: string, route: Record<string, unknown> = {}) => ({ ...API, route: { path: `/${name}`, ...route } });

  it("accepts priority 1", () => {
    expect(problemsOf(routedApi({ path: "/api", priority: 1 }))).toEqual([]);
  });

  it("accepts priority 50000", () => {
    expect(problemsOf(routedApi({ path: "/api", priority: 50000 }))).toEqual([]);
  });

  it("refuses priority 0", () => {
    expect(problemsOf(routedApi({ path: "/api", priority: 0 }))).toEqual([`services.api.route.priority: ${PRIORITY_RULE} (got 0)`]);
  });

  it("refuses priority 50001", () => {
    expect(problemsOf(routedApi({ path: "/api", priority: 50001 }))).toEqual([`services.api.route.priority: ${PRIORITY_RULE} (got 50001)`]);
  });

  it("refuses two services whose names give one derived priority (svc75 and svc77 on one-segment paths), asking for route.priority", () => {
    expect(problemsOf(spec({ web: WEB, svc75: svc("svc75"), svc77: svc("svc77") }))).toEqual([
      'services.svc77.route: would come at priority 48710 in the order routes are tried, as services.svc75\'s route does (a priority not written is numbered from the route\'s host or path depth and a hash of the service\'s name): give one of them route.priority, a number from 1 to 50000 that no other route takes (got {"path":"/svc77"})',
    ]);
  });

  it("refuses a written priority that another service's derived one takes, as a clash of the order (svc77 writes svc75's 48710)", () => {
    expect(problemsOf(spec({ web: WEB, svc75: svc("svc75"), svc77: svc("svc77", { priority: 48710 }) }))).toEqual([
      'services.svc77.route: would come at priority 48710 in the order routes are tried, as services.svc75\'s route does (a priority not written is numbered from the route\'s host or path depth and a hash of the service\'s name): give one of them route.priority, a number from 1 to 50000 that no other route takes (got {"path":"/svc77","priority":48710})',
    ]);
  });

  it("refuses a derived priority that another service's written one takes, as a clash of the order (svc75 writes svc77's 48710)", () => {
    expect(problemsOf(spec({ web: WEB, svc75: svc("svc75", { priority: 48710 }), svc77: svc("svc77") }))).toEqual([
      'services.svc77.route: would come at priority 48710 in the order routes are tried, as services.svc75\'s route does (a priority not written is numbered from the route\'s host or path depth and a hash of the service\'s name): give one of them route.priority, a number from 1 to 50000 that no other route takes (got {"path":"/svc77"})',
    ]);
  });

  it("reports a clash of derived priorities beside another problem of the spec (a route on an internal service)", () => {
    const problems = problemsOf(spec({ web: WEB, svc75: svc("svc75"), svc77: svc("svc77"), db: { ...DB, route: { path: "/db" } } }));
    expect(problems.map((p) => p.slice(0, p.indexOf(": ")))).toEqual(["services.db.route", "services.svc77.route"]);
  });

  it("accepts those two services once one of them writes route.priority", () => {
    expect(problemsOf(spec({ web: WEB, svc75: svc("svc75"), svc77: svc("svc77", { priority: 30000 }) }))).toEqual([]);
  });

  it("refuses two services that write one priority", () => {
    expect(problemsOf(spec({ web: WEB, svc75: svc("svc75", { priority: 7 }), svc77: svc("svc77", { priority: 7 }) }))).toEqual([
      'services.svc77.route: has priority 7, as services.svc75.route does: each route\'s priority is its own (ELB API Reference, CreateRule); choose another (got {"path":"/svc77","priority":7})',
    ]);
  });
});

describe("a routed public service, resolved", () => {
  it("leaves the app's own image and port to the public service without a route, though the routed one is written first", () => {
    const config = resolved(spec({ api: { ...API, route: { path: "/api" } }, web: WEB }));
    expect([config.image.name, config.port]).toEqual(["web", 8080]);
  });

  it('resolves a path route as { pathPrefix: "/api", host: undefined, priority: undefined }', () => {
    expect(resolved(routedApi({ path: "/api" })).services[1]!.route).toStrictEqual({ pathPrefix: "/api", host: undefined, priority: undefined });
  });

  it('resolves a host route as { pathPrefix: undefined, host: "api.example.com", priority: undefined }', () => {
    expect(resolved(routedApi({ host: "api.example.com" })).services[1]!.route).toStrictEqual({ pathPrefix: undefined, host: "api.example.com", priority: undefined });
  });

  it("resolves a written priority as it is", () => {
    expect(resolved(routedApi({ path: "/api", priority: 100 })).services[1]!.route!.priority).toBe(100);
  });

  it("resolves no route for the default public service", () => {
    expect(resolved(routedApi({ path: "/api" })).services[0]!.route).toBeUndefined();
  });

  it('gives the routed service the default HTTP health check on dev (path "/", every 10 s, 5 s timeout, 2 healthy, 3 unhealthy, 30 s grace)', () => {
    expect(resolved(routedApi({ path: "/api" })).services[1]!.healthCheck).toEqual({
      path: "/",
      intervalSeconds: 10,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      gracePeriodSeconds: 30,
    });
  });

  it("runs a routed public service with a volume as one task by default, in prod too (the prod preset's desiredCount is 2)", () => {
    const api = { ...API, route: { path: "/api" }, volumes: [{ name: "api-data", path: "/data" }] };
    expect(resolved(spec({ web: WEB, api }, { stage: "prod" })).services[1]!.desiredCount).toBe(1);
  });

  it("keeps the prod desiredCount of 2 for the default public service with a volume beside a routed one", () => {
    const web = { ...WEB, volumes: [{ name: "uploads", path: "/srv/uploads" }] };
    expect(resolved(spec({ web, api: { ...API, route: { path: "/api" } } }, { stage: "prod" })).services[0]!.desiredCount).toBe(2);
  });

  it("keeps the prod desiredCount of 2 for a routed public service without a volume", () => {
    expect(resolved(spec({ web: WEB, api: { ...API, route: { path: "/api" } } }, { stage: "prod" })).services[1]!.desiredCount).toBe(2);
  });
});
