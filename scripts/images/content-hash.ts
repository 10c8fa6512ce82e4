import { createHash } from "node:crypto";
import { relative, sep } from "node:path";
import type { Platform } from "../../stacks/spec/resolve";
import { contextEntries, fileDigest } from "./build-context";

/** What decides the bytes of a built image. Change the version when the hashed fields change meaning. */
const HASH_SCHEME = "berth-image-content/1";

export interface BuildInputs {
  /** Absolute path of the build context. */
  readonly contextDir: string;
  /** Absolute path of the Dockerfile. */
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform: Platform;
}

/**
 * sha256 (hex) of everything a build reads: each path docker sends (honouring .dockerignore) with
 * its kind, permission bits and content, the Dockerfile, the build args, the target stage and the
 * platform. Modification times, owners and absolute paths are left out, so a fresh CI checkout of
 * the same commit hashes the same as a laptop.
 */
export function contentHash(inputs: BuildInputs): string {
  const hash = createHash("sha256");
  // JSON keeps fields apart whatever characters a file name holds.
  const record = (...fields: string[]) => hash.update(`${JSON.stringify(fields)}\n`);
  record(HASH_SCHEME);
  record("platform", inputs.platform);
  record("target", inputs.target ?? "");
  for (const name of Object.keys(inputs.buildArgs).sort()) record("build-arg", name, inputs.buildArgs[name]!);
  record("dockerfile", relative(inputs.contextDir, inputs.dockerfile).split(sep).join("/"), fileDigest(inputs.dockerfile));
  for (const entry of contextEntries(inputs.contextDir, inputs.dockerfile)) {
    record(entry.kind, entry.path, entry.mode.toString(8), entry.content);
  }
  return hash.digest("hex");
}
