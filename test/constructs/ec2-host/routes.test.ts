import { parse } from "yaml";
import type { Ec2HostService } from "../../../constructs/ec2-host";
import { composeFile, probePorts, type ComposeInput, type ComposeService } from "../../../constructs/ec2-host/compose";
import { releaseFiles, type ReleaseInput, type ReleaseService } from "../../../constructs/ec2-host/release";
import { errorOf } from "../../helpers";
import { synthHost } from "./synth";

/** Public services routed by path prefix or host on the EC2 host: the Caddy routing proxy, its probe ports, its Caddyfile, and the props refused. */

const PROXY_IMAGE = "public.ecr.aws/docker/library/caddy:2.10.2-alpine";
const INPUT = { port: 8080, httpPort: 80, environment: {}, secrets: {}, volumes: [], stopGracePeriodSeconds: 30, proxyImage: PROXY_IMAGE } satisfies ComposeInput;
const HTTPS = { domain: "shop.example.com" };

/** A service of the project: routed when `route` is given. */
const service = (name: string, fields: Partial<ReleaseService> = {}): ReleaseService => ({ name, environment: {}, secrets: {}, volumes: [], ...fields });
const API = service("api", { port: 9000, route: { pathPrefix: "/api" } });
const ADMIN = service("admin", { port: 9001, route: { host: "admin.example.com" } });
const DB = service("db", { port: 5432 });

type Compose = { services: Record<string, { image?: string; ports?: string[]; depends_on?: unknown }> };
const compose = (input: Partial<ComposeInput> = {}) => parse(composeFile({ ...INPUT, ...input })) as Compose;
const probes = (services: readonly ComposeService[], input: Partial<ComposeInput> = {}) => probePorts({ port: 8080, services, ...input });

describe("compose file with a routed public service and no HTTPS", () => {
  it("runs the routing proxy from the proxy image", () => {
    expect(compose({ services: [API] }).services.proxy!.image).toBe(PROXY_IMAGE);
  });

  it("publishes the proxy's port 80 on the host's HTTP port (<httpPort>:80)", () => {
    expect(compose({ httpPort: 3000, services: [API] }).services.proxy!.ports).toEqual(["3000:80"]);
  });

  it("starts the proxy after the default and the routed public services", () => {
    expect(compose({ services: [API, DB] }).services.proxy!.depends_on).toEqual(["web", "api"]);
  });

  it("starts the proxy after the routed services in route order: the host route before the path route", () => {
    expect(compose({ services: [API, ADMIN] }).services.proxy!.depends_on).toEqual(["web", "admin", "api"]);
  });

  it("does not publish the default service on the HTTP port: only on loopback at its own port", () => {
    expect(compose({ services: [API] }).services.web!.ports).toEqual(["127.0.0.1:8080:8080"]);
  });

  it("publishes a routed service on loopback at its probe port, its own port", () => {
    expect(compose({ services: [API] }).services.api!.ports).toEqual(["127.0.0.1:9000:9000"]);
  });

  it("publishes a routed service on the default service's port at the next free loopback port, to its own port in the container", () => {
    expect(compose({ services: [{ ...API, port: 8080 }] }).services.api!.ports).toEqual(["127.0.0.1:8081:8080"]);
  });

  it("publishes an internal service nowhere, though it has a port", () => {
    expect(compose({ services: [API, DB] }).services.db!).not.toHaveProperty("ports");
  });

  it("with probePorts {} (berth up) publishes neither the default nor a routed service on loopback", () => {
    const { services } = compose({ services: [API], probePorts: {} });
    expect([services.web!.ports, services.api!.ports]).toEqual([undefined, undefined]);
  });

  it("with probePorts {} (berth up) still publishes the proxy on the HTTP port", () => {
    expect(compose({ services: [API], probePorts: {} }).services.proxy!.ports).toEqual(["80:80"]);
  });

  it("with publishAddress 127.0.0.1 publishes the proxy on that address only (127.0.0.1:<httpPort>:80)", () => {
    expect(compose({ httpPort: 3000, publishAddress: "127.0.0.1", services: [API], probePorts: {} }).services.proxy!.ports).toEqual(["127.0.0.1:3000:80"]);
  });

  it("runs no proxy with an internal service only", () => {
    expect(Object.keys(compose({ services: [DB] }).services)).toEqual(["web", "db"]);
  });
});

describe("probePorts", () => {
  it("is empty with neither a route nor HTTPS", () => {
    expect(probes([DB])).toEqual({});
  });

  it("keeps the default service on its own port", () => {
    expect(probes([API]).web).toBe(8080);
  });

  it("keeps a routed service on another port on its own port", () => {
    expect(probes([API]).api).toBe(9000);
  });

  it("moves a routed service on the default service's port (8080) to the next free one (8081)", () => {
    expect(probes([{ ...API, port: 8080 }]).api).toBe(8081);
  });

  // 22: sshd's (AL2023 User Guide, connecting with SSH); 80 and 443: the proxy's.
  it.each([
    [80, 81],
    [443, 444],
    [22, 23],
  ])("moves a routed service on port %i, taken on the host, to %i", (port, expected) => {
    expect(probes([{ ...API, port }]).api).toBe(expected);
  });

  it("moves two routed services on one taken port apart, in route order (the host route first)", () => {
    expect(probes([{ ...API, port: 8080 }, { ...ADMIN, port: 8080 }])).toEqual({ web: 8080, admin: 8081, api: 8082 });
  });

  it("gives the default service with HTTPS and no route its own port", () => {
    expect(probes([], { https: HTTPS })).toEqual({ web: 8080 });
  });
});

describe("release of routed public services", () => {
  const HEALTH = { path: "/health", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2 };
  const RELEASE: ReleaseInput = { ...INPUT, volumes: [], secrets: {}, healthCheck: HEALTH, updateTimeoutSeconds: 180 };
  const settings = (input: Partial<ReleaseInput>) => releaseFiles({ ...RELEASE, ...input })["release.conf"].split("\n");
  const caddy = (input: Partial<ReleaseInput>) => releaseFiles({ ...RELEASE, ...input }).Caddyfile;

  it("tries a route with a lower written priority first: an explicit 1 puts a path route before a host route", () => {
    const file = caddy({ services: [ADMIN, { ...API, route: { pathPrefix: "/api", priority: 1 } }] });
    expect(file.indexOf("reverse_proxy @api")).toBeLessThan(file.indexOf("reverse_proxy @admin"));
  });

  it("probes the default service's URL, then each routed one's on its loopback port, space separated", () => {
    const services = [{ ...API, healthCheck: { path: "/api/health", timeoutSeconds: 3 } }, { ...ADMIN, healthCheck: { path: "/", timeoutSeconds: 8 } }];
    expect(settings({ services }).filter((line) => line.startsWith("BERTH_HEALTH_URL="))).toEqual([
      "BERTH_HEALTH_URL=http://127.0.0.1:8080/health http://127.0.0.1:9001/ http://127.0.0.1:9000/api/health",
    ]);
  });

  it("probes a routed service at / when it has no health check", () => {
    expect(settings({ services: [API] }).filter((line) => line.startsWith("BERTH_HEALTH_URL="))).toEqual(["BERTH_HEALTH_URL=http://127.0.0.1:8080/health http://127.0.0.1:9000/"]);
  });

  it("gives each probe the largest timeout of the public services: a routed one's when it is larger", () => {
    const services = [{ ...API, healthCheck: { path: "/", timeoutSeconds: 3 } }, { ...ADMIN, healthCheck: { path: "/", timeoutSeconds: 8 } }];
    expect(settings({ services })).toContain("BERTH_HEALTH_PROBE_TIMEOUT_SECONDS=8");
  });

  it("gives each probe the largest timeout of the public services: the default one's when it is larger", () => {
    expect(settings({ services: [{ ...API, healthCheck: { path: "/", timeoutSeconds: 3 } }] })).toContain("BERTH_HEALTH_PROBE_TIMEOUT_SECONDS=5");
  });

  it("writes the routing proxy's whole Caddyfile for plain HTTP with a path route and a host route, the host route first", () => {
    expect(caddy({ services: [API, ADMIN] })).toBe(
      [
        ":80 {",
        "\t@admin {",
        "\t\thost admin.example.com",
        "\t}",
        "\t@api {",
        "\t\tpath_regexp ^/api(/.*)?$",
        "\t}",
        "\troute {",
        "\t\treverse_proxy @admin admin:9001",
        "\t\treverse_proxy @api api:9000",
        "\t\treverse_proxy web:8080",
        "\t}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("matches a host and path route by both its host and its path in one matcher", () => {
    expect(caddy({ services: [service("docs", { port: 9002, route: { host: "admin.example.com", pathPrefix: "/docs" } })] })).toContain(
      "\t@docs {\n\t\thost admin.example.com\n\t\tpath_regexp ^/docs(/.*)?$\n\t}\n",
    );
  });

  it("proxies a deeper path prefix before a shallower one", () => {
    const proxies = caddy({ services: [API, service("v2", { port: 9003, route: { pathPrefix: "/api/v2" } })] })
      .split("\n")
      .filter((line) => line.startsWith("\t\treverse_proxy"));
    expect(proxies).toEqual(["\t\treverse_proxy @v2 v2:9003", "\t\treverse_proxy @api api:9000", "\t\treverse_proxy web:8080"]);
  });

  it("with HTTPS lists the domain, then each route's host, on the site line", () => {
    expect(caddy({ https: HTTPS, services: [API, ADMIN] }).split("\n")[0]).toBe("shop.example.com, admin.example.com {");
  });

  it("with HTTPS lists a route host that is the domain once on the site line", () => {
    expect(caddy({ https: HTTPS, services: [{ ...ADMIN, route: { host: "shop.example.com" } }] }).split("\n")[0]).toBe("shop.example.com {");
  });

  it("escapes a dot in a path prefix in its regular expression", () => {
    expect(caddy({ services: [service("assets", { port: 9004, route: { pathPrefix: "/static.v1" } })] })).toContain("\t\tpath_regexp ^/static\\.v1(/.*)?$\n");
  });

  it("writes no Caddyfile without routes or HTTPS", () => {
    expect(caddy({ services: [DB] })).toBe("");
  });
});

describe("Ec2Host with a routed public service", () => {
  const ROUTED: Ec2HostService = { name: "api", image: { uri: "public.ecr.aws/docker/library/nginx:1.27" }, port: 9000, route: { pathPrefix: "/api" } };
  const failure = (props: Parameters<typeof synthHost>[0]) => errorOf(() => synthHost(props));
  const base64 = (text: string) => Buffer.from(text, "base64").toString();

  it("deploys the routing proxy's Caddyfile in the release", () => {
    const parameters = synthHost({ services: [ROUTED] }).one("aws_ssm_association").parameters as Record<string, string>;
    expect(base64(parameters.caddyfile!)).toBe(":80 {\n\t@api {\n\t\tpath_regexp ^/api(/.*)?$\n\t}\n\troute {\n\t\treverse_proxy @api api:9000\n\t\treverse_proxy web:8080\n\t}\n}\n");
  });

  it("fails when a service has a route but no port", () => {
    expect(failure({ services: [{ ...ROUTED, port: undefined }] })).toBe(
      "stack/host: services[0].route is set but services[0].port is not: the proxy sends the route's requests to the port the service listens on; give port",
    );
  });

  it("fails when a route has neither pathPrefix nor host", () => {
    expect(failure({ services: [{ ...ROUTED, route: {} }] })).toBe('stack/host: services[0].route has neither pathPrefix nor host: give a path prefix like "/api", a host like "api.example.com", or both');
  });

  it('fails when a route\'s pathPrefix ends with "/" ("/api/")', () => {
    expect(failure({ services: [{ ...ROUTED, route: { pathPrefix: "/api/" } }] })).toBe(
      'stack/host: services[0].route.pathPrefix must be a path prefix like "/api": "/" and 1-16 segments of letters, digits, ".", "_", "~" or "-", no trailing "/", at most 126 characters, got "/api/"',
    );
  });

  it('fails when a route\'s host has no dot ("admin")', () => {
    expect(failure({ services: [{ ...ROUTED, route: { host: "admin" } }] })).toBe('stack/host: services[0].route.host must be a lower case host name like "api.example.com", at most 128 characters, got "admin"');
  });

  it("fails when two services have the same route", () => {
    expect(failure({ services: [ROUTED, { ...ROUTED, name: "api2" }] })).toBe(
      'stack/host: services[1].route matches /api, as service "api"\'s route does: the later one would never be reached; give it another path or host',
    );
  });

  it("fails when the app's port is 80 with a route and no HTTPS, naming the routing proxy", () => {
    expect(failure({ port: 80, services: [ROUTED] })).toBe("stack/host: port 80 conflicts with the routing proxy, which publishes port 80 on the host: have the app listen on another port (e.g. 8080)");
  });

  it("accepts the app's port 443 with a route and no HTTPS: the routing proxy publishes port 80 only", () => {
    expect(() => synthHost({ port: 443, services: [ROUTED] })).not.toThrow();
  });

  // An ALB listener rule's priority is 1-50000 (ELB API Reference, CreateRule); the host tries routes in the same order.
  it("fails when a route's priority is 0", () => {
    expect(failure({ services: [{ ...ROUTED, route: { pathPrefix: "/api", priority: 0 } }] })).toBe("stack/host: services[0].route.priority must be a whole number from 1 to 50000, got 0");
  });

  it("fails when two routes' names give one derived priority (svc75 and svc77 on one-segment paths), asking for route.priority", () => {
    const routed = (name: string) => ({ ...ROUTED, name, route: { pathPrefix: `/${name}` } });
    expect(failure({ services: [routed("svc75"), routed("svc77")] })).toBe(
      'stack/host: service "svc77"\'s route would take priority 48710, as service "svc75"\'s does (a priority not given is numbered from the route\'s host or path depth and a hash of the service\'s name): give one of them a route.priority from 1 to 50000 that no other route takes',
    );
  });

  it("accepts the app's port 80 without a route or HTTPS", () => {
    expect(() => synthHost({ port: 80 })).not.toThrow();
  });

  // AL2023 User Guide, "Connect to your instance using SSH": sshd listens on tcp 22.
  it("fails when the app's port is 22 with a route and no HTTPS (sshd's port; the app's port is bound on the host's loopback)", () => {
    expect(failure({ port: 22, services: [ROUTED] })).toBe(
      "stack/host: port 22 is sshd's on the host, and behind the routing proxy the app's port is published on the host's loopback: have the app listen on another port (e.g. 8080)",
    );
  });

  it('fails when a routed service is named "proxy", naming the routing proxy', () => {
    expect(failure({ services: [{ ...ROUTED, name: "proxy" }] })).toBe('stack/host: services[0].name "proxy" is the routing proxy\'s service name: choose another name');
  });

  it('accepts an internal service named "proxy" when nothing is proxied', () => {
    expect(() => synthHost({ services: [{ name: "proxy", image: { uri: "public.ecr.aws/docker/library/nginx:1.27" } }] })).not.toThrow();
  });

  it("fails with a route when the proxy image has no tag", () => {
    expect(failure({ services: [ROUTED], proxyImage: "public.ecr.aws/docker/library/caddy" })).toBe(
      'stack/host: proxyImage must be an image reference with a tag or a digest like "public.ecr.aws/nginx/nginx:1.27" or registry/name@sha256:<64 hex> (berth never deploys an implicit :latest), got "public.ecr.aws/docker/library/caddy"',
    );
  });
});
