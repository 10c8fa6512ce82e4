import { join } from "node:path";
import { caddyfile, composeFile, imageVariable, routedServices } from "../../constructs/ec2-host/compose";
import { DEFAULT_PROXY_IMAGE, DEFAULT_STOP_GRACE_PERIOD_SECONDS } from "../../constructs/ec2-host/props";
import { publicAndOthers } from "../../stacks/public-service";
import type { ResolvedConfig, ResolvedImage } from "../../stacks/spec/resolve";
import { repositoryName } from "../../stacks/naming";

/** The compose project of an app's local run: one per app and stage, apart from the host's (`berth`). */
export function localProject(config: ResolvedConfig): string {
  return `berth-${config.app}-${config.stage}`;
}

/** Where `berth up` writes the compose file: the spec's .berth folder, beside images.json. */
export function localComposePath(config: ResolvedConfig): string {
  return join(config.baseDir, ".berth", "local", "compose.yaml");
}

/** The image a local run uses for a service: the local build's tag, or the spec's existing image. */
export function localImage(config: ResolvedConfig, image: ResolvedImage): string {
  return image.uri ?? `berth-local/${repositoryName(config, image.name)}:latest`;
}

/** The compose file's image variables (BERTH_IMAGE_<SERVICE>), each naming the service's local image. */
export function localImageEnvironment(config: ResolvedConfig): Record<string, string> {
  return Object.fromEntries(config.services.map((s) => [imageVariable(s.name), localImage(config, s.image)]));
}

/**
 * The compose file the EC2 host runs, for this machine: the public service published on loopback at
 * `hostPort`, without the host's HTTPS proxy (a local run serves plain HTTP); with routed public
 * services, the routing proxy there instead.
 */
export function localComposeFile(config: ResolvedConfig, hostPort: number): string {
  const { publicService, otherServices } = publicAndOthers(config);
  return composeFile({
    serviceName: publicService.name,
    port: config.port,
    httpPort: hostPort,
    publishAddress: "127.0.0.1",
    command: publicService.command,
    entrypoint: publicService.entrypoint,
    environment: publicService.environment,
    secrets: publicService.secrets,
    volumes: publicService.volumes,
    containerHealthCheck: publicService.containerHealthCheck,
    dependsOn: publicService.dependsOn,
    services: otherServices,
    stopGracePeriodSeconds: DEFAULT_STOP_GRACE_PERIOD_SECONDS,
    // Routed public services sit behind Caddy here too, on the host port; nothing else is published.
    proxyImage: DEFAULT_PROXY_IMAGE,
    probePorts: {},
  });
}

/** The routing proxy's Caddyfile, beside the compose file, when the app has routed public services. */
export function localCaddyfile(config: ResolvedConfig): string | undefined {
  const { publicService, otherServices } = publicAndOthers(config);
  const routes = routedServices({ services: otherServices });
  if (routes.length === 0) return undefined;
  return caddyfile({ defaultService: { name: publicService.name, port: config.port }, routes: routes.map((s) => ({ name: s.name, port: s.port!, route: s.route })) });
}
