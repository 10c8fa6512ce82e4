import { join } from "node:path";
import { composeFile } from "../../constructs/ec2-host/compose";
import { DEFAULT_STOP_GRACE_PERIOD_SECONDS } from "../../constructs/ec2-host/props";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { repositoryName } from "../../stacks/naming";

/** The compose project of an app's local run: one per app and stage, apart from the host's (`berth`). */
export function localProject(config: ResolvedConfig): string {
  return `berth-${config.app}-${config.stage}`;
}

/** Where `berth up` writes the compose file: the spec's .berth folder, beside images.json. */
export function localComposePath(config: ResolvedConfig): string {
  return join(config.baseDir, ".berth", "local", "compose.yaml");
}

/** The image a local run uses: the local build's tag, or the spec's existing image. */
export function localImage(config: ResolvedConfig): string {
  return config.image.uri ?? `berth-local/${repositoryName(config, config.image.name)}:latest`;
}

/**
 * The compose file the EC2 host runs, for this machine: the app published on loopback at
 * `hostPort`, without the host's HTTPS proxy (a local run serves plain HTTP).
 */
export function localComposeFile(config: ResolvedConfig, hostPort: number): string {
  return composeFile({
    port: config.port,
    httpPort: hostPort,
    publishAddress: "127.0.0.1",
    command: config.command,
    entrypoint: config.entrypoint,
    environment: config.environment,
    secretNames: Object.keys(config.secrets),
    volumes: config.volumes,
    containerHealthCheck: config.containerHealthCheck,
    stopGracePeriodSeconds: DEFAULT_STOP_GRACE_PERIOD_SECONDS,
  });
}
