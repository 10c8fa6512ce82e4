import { APP_SERVICE, caddyfile, composeFile, isProxied, oneShotServices, probePorts, routedServices, type ComposeInput, type ComposeService } from "./compose";
import { settingsFile } from "./text";

/** What a release is made of, besides its image reference (which may be a Terraform reference). */
export interface ReleaseFiles {
  readonly "compose.yaml": string;
  /** Health check, timeout and volume owner settings read by berth-update. */
  readonly "release.conf": string;
  /** `NAME=ARN` lines read by berth-secrets. */
  readonly "secrets.refs": string;
  /** Caddy's configuration; empty without HTTPS. */
  readonly Caddyfile: string;
}

/** A named volume, with the owner berth-update gives its top directory. */
interface OwnedVolume {
  readonly name: string;
  readonly path: string;
  readonly uid: number;
  readonly gid: number;
}

/** One of the app's other services in a release: its volumes' owners, and a routed one's probe path, besides. */
export interface ReleaseService extends ComposeService {
  readonly volumes: readonly OwnedVolume[];
  /** A routed service's HTTP probe. */
  readonly healthCheck?: { readonly path: string; readonly timeoutSeconds: number };
}

export interface ReleaseInput extends ComposeInput {
  /** The public service's named volumes. */
  readonly volumes: readonly OwnedVolume[];
  readonly services?: readonly ReleaseService[];
  readonly healthCheck: {
    readonly path: string;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly healthyThreshold: number;
  };
  readonly updateTimeoutSeconds: number;
}

export function releaseFiles(input: ReleaseInput): ReleaseFiles {
  const serviceName = input.serviceName ?? APP_SERVICE;
  const ports = probePorts(input);
  const routed = routedServices(input);
  // The probe goes straight to each public service on the host: the published HTTP port, or behind
  // the proxy its loopback port (a certificate may not be issued yet when the first release starts).
  const healthUrls = [
    `http://127.0.0.1:${ports[serviceName] ?? input.httpPort}${input.healthCheck.path}`,
    ...routed.map((s) => `http://127.0.0.1:${ports[s.name]}${s.healthCheck?.path ?? "/"}`),
  ];
  const probeTimeout = Math.max(input.healthCheck.timeoutSeconds, ...routed.map((s) => s.healthCheck?.timeoutSeconds ?? 0));
  const all = [{ ...input, name: serviceName }, ...(input.services ?? [])];
  // A volume mounted by several services is one volume with one owner (the spec sees to it).
  const owners = [...new Map(all.flatMap((s) => s.volumes).map((v) => [v.name, `${v.name}:${v.uid}:${v.gid}`])).values()];
  const oneShot = oneShotServices(all);
  const waiting = all.filter((s) => Object.values(s.dependsOn ?? {}).some((condition) => condition !== "started")).map((s) => s.name);
  return {
    "compose.yaml": composeFile(input),
    "release.conf": settingsFile({
      // Every public service must answer: URLs separated by spaces.
      BERTH_HEALTH_URL: healthUrls.join(" "),
      BERTH_HEALTH_PROBE_TIMEOUT_SECONDS: probeTimeout,
      BERTH_HEALTH_INTERVAL_SECONDS: input.healthCheck.intervalSeconds,
      BERTH_HEALTHY_THRESHOLD: input.healthCheck.healthyThreshold,
      BERTH_UPDATE_TIMEOUT_SECONDS: input.updateTimeoutSeconds,
      // name:uid:gid of each volume; berth-update owns the volume's top directory accordingly.
      ...(owners.length > 0 ? { BERTH_VOLUME_OWNERS: owners.join(" ") } : {}),
      // Services that run once and exit: an update counts their exit status 0 as ready.
      ...(oneShot.length > 0 ? { BERTH_ONE_SHOT_SERVICES: oneShot.join(" ") } : {}),
      // Services that wait for another to be healthy or complete: created only when the project starts.
      ...(waiting.length > 0 ? { BERTH_CREATE_LATER: waiting.join(" ") } : {}),
    }),
    "secrets.refs": settingsFile(Object.assign({}, ...all.map((s) => s.secrets)) as Record<string, string>),
    Caddyfile: isProxied(input)
      ? caddyfile({ https: input.https, defaultService: { name: serviceName, port: input.port }, routes: routed.map((s) => ({ name: s.name, port: s.port!, route: s.route })) })
      : "",
  };
}

/** The deploy document's parameter of each release file (base64, so that any content passes SSM and the shell intact). */
export const RELEASE_PARAMETERS = {
  "compose.yaml": "compose",
  "release.conf": "settings",
  "secrets.refs": "secrets",
  Caddyfile: "caddyfile",
} as const satisfies Record<keyof ReleaseFiles, string>;

/**
 * Association parameters carrying a release: each non-empty file base64-encoded (an empty one takes
 * the document's default, empty), and `images`: `<service>=<reference>` of every service, separated
 * by spaces (references hold no spaces), which the deploy document writes one a line.
 */
export function releaseParameters(files: ReleaseFiles, images: Readonly<Record<string, string>>): Record<string, string> {
  const encoded = Object.entries(RELEASE_PARAMETERS)
    .filter(([file]) => files[file as keyof ReleaseFiles] !== "")
    .map(([file, parameter]) => [parameter, Buffer.from(files[file as keyof ReleaseFiles]).toString("base64")]);
  return { ...Object.fromEntries(encoded), images: imagesParameter(images) };
}

/** `web=<reference> db=<reference>`: the deploy document's `images` parameter. */
export function imagesParameter(images: Readonly<Record<string, string>>): string {
  return Object.entries(images)
    .map(([service, reference]) => `${service}=${reference}`)
    .join(" ");
}

/** What a release takes of the deploy document's 64 KB: its encoded files (the image references are counted in the document's share). */
export function encodedReleaseBytes(files: ReleaseFiles): number {
  const { images: _images, ...encoded } = releaseParameters(files, {});
  return Object.values(encoded).reduce((sum, value) => sum + value.length, 0);
}
