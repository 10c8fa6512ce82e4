import type { ContainerHealthCheck } from "../limits/health-check";
import { routePriority } from "../route-order";
import { toYaml } from "./yaml";

/** The public service's default name, and the proxy's; `web` matches the app's image and container name elsewhere. */
export const APP_SERVICE = "web";
export const PROXY_SERVICE = "proxy";
/** Named volumes of the HTTPS proxy (certificates and ACME account survive instance replacement). */
export const PROXY_VOLUMES = ["caddy-data", "caddy-config"] as const;

/** What a service waits for in a service it depends on (compose's service_started, service_healthy, service_completed_successfully). */
export type ServiceDependency = "started" | "healthy" | "completed";

/** One container service of the project, as the compose file runs it. */
export interface ComposeService {
  /** Compose service name: the other services reach it by this host name. */
  readonly name: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Its secrets: variable name to where the value is read. The compose file names the variables
   * only; their values come from the secrets env file.
   */
  readonly secrets: Readonly<Record<string, string>>;
  readonly volumes: readonly { readonly name: string; readonly path: string }[];
  /** Docker's health check of the container (shown by `docker ps`). @default - the image's HEALTHCHECK, if any */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** The services it starts after, with what it waits for in each. @default {} */
  readonly dependsOn?: Readonly<Record<string, ServiceDependency>>;
  /** The port it listens on in its container; the proxy sends a routed service's requests there. @default - none */
  readonly port?: number;
  /** For a public service beside the default one: the requests the proxy sends it. @default - none (not routed) */
  readonly route?: ServiceRoute;
}

/** Requests under a path prefix (`/api` and `/api/…`, passed on unchanged), for a host, or both. */
export interface ServiceRoute {
  readonly pathPrefix?: string;
  readonly host?: string;
  /** Its place in the order routes are tried (constructs/route-order.ts). @default - derived */
  readonly priority?: number;
}

export interface ComposeInput extends Omit<ComposeService, "name"> {
  /** The public service's name. @default APP_SERVICE */
  readonly serviceName?: string;
  /** Port the public service listens on in its container. */
  readonly port: number;
  /** The app's other services (internal ones, workers, one-shot jobs): published nowhere. @default [] */
  readonly services?: readonly ComposeService[];
  /** Host port serving plain HTTP when there is no HTTPS proxy (80 on a host). */
  readonly httpPort: number;
  /** Host address the HTTP port is published on (`berth up`: loopback). @default - every address of the host */
  readonly publishAddress?: string;
  /** Seconds between SIGTERM and SIGKILL when a container stops. */
  readonly stopGracePeriodSeconds: number;
  /** With HTTPS: the domain Caddy obtains a certificate for (and each route's host). */
  readonly https?: { readonly domain: string; readonly email?: string };
  /** Caddy's image: the proxy runs with `https` or when a service has a route. */
  readonly proxyImage?: string;
  /**
   * Behind the proxy, the loopback port of the host each public service is also published on, by
   * name, for the update script's health probe; `{}` for none (`berth up`). @default probePorts(input)
   */
  readonly probePorts?: Readonly<Record<string, number>>;
}

const CONDITIONS: Readonly<Record<ServiceDependency, string>> = {
  started: "service_started",
  healthy: "service_healthy",
  completed: "service_completed_successfully",
};

/** Compose interpolates `$`: a literal dollar sign is written `$$`. */
function literal(text: string): string {
  return text.replaceAll("$", "$$$$");
}

/** The environment variable naming a service's image: `BERTH_IMAGE_<NAME>`, upper case, `-` as `_` (the release's `images` file). */
export function imageVariable(service: string): string {
  return `BERTH_IMAGE_${service.toUpperCase().replaceAll("-", "_")}`;
}

/** The services some other service waits for to complete: one-shot jobs, which run once per release and are never restarted. */
export function oneShotServices(services: readonly Pick<ComposeService, "dependsOn">[]): string[] {
  const names = services.flatMap((s) => Object.entries(s.dependsOn ?? {}).filter(([, condition]) => condition === "completed").map(([name]) => name));
  return [...new Set(names)];
}

/**
 * The release's compose file. Each service's image comes from BERTH_IMAGE_<NAME> (the release's
 * `images` file) and secret values from the environment of `docker compose` (berth-compose), so the
 * file holds neither. Without HTTPS the public service is published on the host's HTTP port; with
 * HTTPS, Caddy publishes 80 and 443 and the public service is published on loopback only, for the
 * update script's health probe. The other services are published nowhere: the project's network
 * reaches them by name.
 */
export function composeFile(input: ComposeInput): string {
  const appName = input.serviceName ?? APP_SERVICE;
  const all = [{ ...input, name: appName }, ...(input.services ?? [])];
  const oneShot = oneShotServices(all);
  const proxied = isProxied(input);
  const publicNames = [appName, ...routedServices(input).map((s) => s.name)];
  const services: Record<string, unknown> = {};
  for (const service of all) {
    services[service.name] = {
      ...containerService(service, oneShot.includes(service.name), input.stopGracePeriodSeconds),
      ...publishedPorts(input, service, service.name === appName),
    };
  }
  const volumeNames = [...new Set(all.flatMap((s) => s.volumes.map((v) => v.name)))];
  if (proxied) {
    if (input.proxyImage === undefined) throw new Error("composeFile: a proxied project needs proxyImage");
    services[PROXY_SERVICE] = {
      image: input.proxyImage,
      ports: input.https ? ["80:80", "443:443"] : [`${input.publishAddress ? `${input.publishAddress}:` : ""}${input.httpPort}:80`],
      volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro", `${PROXY_VOLUMES[0]}:/data`, `${PROXY_VOLUMES[1]}:/config`],
      depends_on: publicNames,
      restart: "unless-stopped",
    };
    volumeNames.push(...PROXY_VOLUMES);
  }
  const header = "# berth release: the app's containers. Generated by berth; changes on the host are replaced by the next deploy.\n";
  return header + toYaml({ services, ...(volumeNames.length > 0 ? { volumes: Object.fromEntries(volumeNames.map((n) => [n, {}])) } : {}) });
}

/** Ports a public service's probe port may not take on the host: sshd's, and the proxy's. */
const TAKEN_HOST_PORTS = [22, 80, 443];

/**
 * Behind the proxy, the loopback port of each public service: the default one's own port (the
 * release's probe URL has always been there), each routed one's own port or, when taken, the next
 * free one, in route order.
 */
export function probePorts(input: Pick<ComposeInput, "serviceName" | "port" | "https" | "services">): Record<string, number> {
  if (!isProxied(input)) return {};
  const ports: Record<string, number> = { [input.serviceName ?? APP_SERVICE]: input.port };
  const taken = new Set([...TAKEN_HOST_PORTS, input.port]);
  for (const s of routedServices(input)) {
    let port = s.port!;
    while (taken.has(port)) port++;
    ports[s.name] = port;
    taken.add(port);
  }
  return ports;
}

/** Whether Caddy runs in front of the app: for HTTPS, or to route requests between public services. */
export function isProxied(input: Pick<ComposeInput, "https" | "services">): boolean {
  return input.https !== undefined || routedServices(input).length > 0;
}

/** The public services beside the default one, in the order the proxy tries them: the load balancer's (constructs/route-order.ts). */
export function routedServices<S extends Pick<ComposeService, "name" | "route">>(input: { readonly services?: readonly S[] }): (S & { readonly route: ServiceRoute })[] {
  const routed = (input.services ?? []).filter((s): s is S & { readonly route: ServiceRoute } => s.route !== undefined);
  return routed.sort((a, b) => routePriority({ name: a.name, ...a.route }) - routePriority({ name: b.name, ...b.route }));
}

/**
 * Without the proxy the default public service is published on the HTTP port; behind it, each
 * public service on its loopback probe port (when given); the others nowhere.
 */
function publishedPorts(input: ComposeInput, service: ComposeService, isDefault: boolean): { ports?: string[] } {
  if (!isProxied(input)) return isDefault ? { ports: [`${input.publishAddress ? `${input.publishAddress}:` : ""}${input.httpPort}:${input.port}`] } : {};
  const probePort = (input.probePorts ?? probePorts(input))[service.name];
  return probePort !== undefined ? { ports: [`127.0.0.1:${probePort}:${isDefault ? input.port : service.port}`] } : {};
}

/** A service's compose entry without its published ports. */
function containerService(service: ComposeService, oneShot: boolean, stopGracePeriodSeconds: number): Record<string, unknown> {
  const variable = imageVariable(service.name);
  const dependsOn = Object.entries(service.dependsOn ?? {});
  return {
    image: `\${${variable}:?${variable} must name the release's image of ${service.name}}`,
    ...(service.entrypoint ? { entrypoint: service.entrypoint.map(literal) } : {}),
    ...(service.command ? { command: service.command.map(literal) } : {}),
    environment: [...Object.entries(service.environment).map(([name, value]) => `${name}=${literal(value)}`), ...Object.keys(service.secrets)],
    ...(service.volumes.length > 0 ? { volumes: service.volumes.map((v) => `${v.name}:${v.path}`) } : {}),
    ...(service.containerHealthCheck ? { healthcheck: healthcheck(service.containerHealthCheck) } : {}),
    ...(dependsOn.length > 0 ? { depends_on: Object.fromEntries(dependsOn.map(([name, condition]) => [name, { condition: CONDITIONS[condition] }])) } : {}),
    // A one-shot job runs once per release: restarting it after it exits would run it again and again.
    restart: oneShot ? "no" : "unless-stopped",
    stop_grace_period: `${stopGracePeriodSeconds}s`,
  };
}

/** A compose healthcheck with every setting written, so that Docker's defaults (a 30 s timeout) never apply. */
function healthcheck(check: ContainerHealthCheck): Record<string, unknown> {
  return {
    test: check.command.map(literal),
    interval: `${check.intervalSeconds}s`,
    timeout: `${check.timeoutSeconds}s`,
    retries: check.retries,
    start_period: `${check.startPeriodSeconds}s`,
  };
}

/** What the proxy sends where: the default public service, and the routed ones. */
export interface ProxyInput {
  /** Without it, plain HTTP on port 80 of the container. */
  readonly https?: { readonly domain: string; readonly email?: string };
  readonly defaultService: { readonly name: string; readonly port: number };
  /** Most specific first (routedServices). @default [] */
  readonly routes?: readonly { readonly name: string; readonly port: number; readonly route: ServiceRoute }[];
}

/**
 * Caddy's configuration. With HTTPS, Caddy obtains and renews certificates for the domain and each
 * route's host; without, it serves plain HTTP on port 80 only (Caddy applies no automatic HTTPS to a
 * server that listens only on its HTTP port). A path prefix is matched by a regular expression,
 * case-sensitive like the ALB's path patterns (Caddy's `path` matcher ignores case). Routes are
 * tried in order inside one `route` block (Caddy keeps their order there) and the first match
 * proxies the request, unchanged; the default service takes the rest.
 */
export function caddyfile(input: ProxyInput): string {
  const https = input.https;
  const routes = input.routes ?? [];
  const upstream = (s: { readonly name: string; readonly port: number }) => `${s.name}:${s.port}`;
  const global = https?.email ? `{\n\temail ${https.email}\n}\n\n` : "";
  const hosts = https ? [...new Set([https.domain, ...routes.flatMap((r) => (r.route.host !== undefined ? [r.route.host] : []))])] : [];
  const site = https ? hosts.join(", ") : ":80";
  if (routes.length === 0) return `${global}${site} {\n\treverse_proxy ${upstream(input.defaultService)}\n}\n`;
  const matchers = routes.map((r) => {
    const conditions = [...(r.route.host !== undefined ? [`host ${r.route.host}`] : []), ...(r.route.pathPrefix !== undefined ? [`path_regexp ^${r.route.pathPrefix.replaceAll(".", "\\.")}(/.*)?$`] : [])];
    return `\t@${r.name} {\n${conditions.map((c) => `\t\t${c}\n`).join("")}\t}\n`;
  });
  const proxies = routes.map((r) => `\t\treverse_proxy @${r.name} ${upstream(r)}\n`);
  return `${global}${site} {\n${matchers.join("")}\troute {\n${proxies.join("")}\t\treverse_proxy ${upstream(input.defaultService)}\n\t}\n}\n`;
}
