import { caddyfile, composeFile, type ComposeInput } from "./compose";
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

export interface ReleaseInput extends ComposeInput {
  /** The app's named volumes, with the owner berth-update gives each one's top directory. */
  readonly volumes: readonly { readonly name: string; readonly path: string; readonly uid: number; readonly gid: number }[];
  readonly secrets: Readonly<Record<string, string>>;
  readonly healthCheck: {
    readonly path: string;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly healthyThreshold: number;
  };
  readonly updateTimeoutSeconds: number;
}

export function releaseFiles(input: ReleaseInput): ReleaseFiles {
  // The probe goes straight to the app on the host: its published HTTP port, or with HTTPS its
  // loopback port (a certificate may not be issued yet when the first release starts).
  const probePort = input.https ? input.port : input.httpPort;
  return {
    "compose.yaml": composeFile(input),
    "release.conf": settingsFile({
      BERTH_HEALTH_URL: `http://127.0.0.1:${probePort}${input.healthCheck.path}`,
      BERTH_HEALTH_PROBE_TIMEOUT_SECONDS: input.healthCheck.timeoutSeconds,
      BERTH_HEALTH_INTERVAL_SECONDS: input.healthCheck.intervalSeconds,
      BERTH_HEALTHY_THRESHOLD: input.healthCheck.healthyThreshold,
      BERTH_UPDATE_TIMEOUT_SECONDS: input.updateTimeoutSeconds,
      // name:uid:gid of each app volume; berth-update owns the volume's top directory accordingly.
      ...(input.volumes.length > 0 ? { BERTH_VOLUME_OWNERS: input.volumes.map((v) => `${v.name}:${v.uid}:${v.gid}`).join(" ") } : {}),
    }),
    "secrets.refs": settingsFile(input.secrets),
    Caddyfile: input.https ? caddyfile(input.https, input.port) : "",
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
 * the document's default, empty), and the image reference.
 */
export function releaseParameters(files: ReleaseFiles, image: string): Record<string, string> {
  const encoded = Object.entries(RELEASE_PARAMETERS)
    .filter(([file]) => files[file as keyof ReleaseFiles] !== "")
    .map(([file, parameter]) => [parameter, Buffer.from(files[file as keyof ReleaseFiles]).toString("base64")]);
  return { ...Object.fromEntries(encoded), image };
}

/** What a release takes of the deploy document's 64 KB: its encoded files (the image reference is counted in the document's share). */
export function encodedReleaseBytes(files: ReleaseFiles): number {
  const { image: _image, ...encoded } = releaseParameters(files, "");
  return Object.values(encoded).reduce((sum, value) => sum + value.length, 0);
}
