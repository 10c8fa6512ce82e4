import type { ContainerHealthCheck } from "../limits/health-check";
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
  /** With HTTPS: the proxy's image and domain. */
  readonly https?: { readonly proxyImage: string; readonly domain: string; readonly email?: string };
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
  const services: Record<string, unknown> = {};
  for (const service of all) {
    services[service.name] = {
      ...containerService(service, oneShot.includes(service.name), input.stopGracePeriodSeconds),
      ...(service.name === appName ? { ports: [input.https ? `127.0.0.1:${input.port}:${input.port}` : `${input.publishAddress ? `${input.publishAddress}:` : ""}${input.httpPort}:${input.port}`] } : {}),
    };
  }
  const volumeNames = [...new Set(all.flatMap((s) => s.volumes.map((v) => v.name)))];
  if (input.https) {
    services[PROXY_SERVICE] = {
      image: input.https.proxyImage,
      ports: ["80:80", "443:443"],
      volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro", `${PROXY_VOLUMES[0]}:/data`, `${PROXY_VOLUMES[1]}:/config`],
      depends_on: [appName],
      restart: "unless-stopped",
    };
    volumeNames.push(...PROXY_VOLUMES);
  }
  const header = "# berth release: the app's containers. Generated by berth; changes on the host are replaced by the next deploy.\n";
  return header + toYaml({ services, ...(volumeNames.length > 0 ? { volumes: Object.fromEntries(volumeNames.map((n) => [n, {}])) } : {}) });
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

/** Caddy's configuration: certificates for the domain (obtained and renewed by Caddy), proxied to the app. */
export function caddyfile(https: { readonly domain: string; readonly email?: string }, service: string, port: number): string {
  const global = https.email ? `{\n\temail ${https.email}\n}\n\n` : "";
  return `${global}${https.domain} {\n\treverse_proxy ${service}:${port}\n}\n`;
}
