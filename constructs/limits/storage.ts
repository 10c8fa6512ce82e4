import type { Pattern, Range } from "./rule";

/** A gp3 EBS volume: 1-16384 GiB (EBS User Guide, general-purpose.html, "gp3 volumes"). */
export const GP3_VOLUME_GIB: Range = { min: 1, max: 16384, unit: "GiB" };

/**
 * The root volume: a gp3 volume at least as large as the AMI's snapshot, 8 GiB for AL2023.
 * UNCONFIRMED: the 8 GiB snapshot size of the AL2023 AMI was not found in an AWS document; a smaller
 * root volume fails at RunInstances.
 */
export const ROOT_VOLUME_GIB: Range = { min: 8, max: GP3_VOLUME_GIB.max, unit: "GiB" };

/**
 * A POSIX owner id: 0-4294967295, the range EFS takes for an access point's PosixUser Uid and Gid
 * (EFS API Reference, PosixUser).
 */
export const POSIX_ID: Range = { min: 0, max: 4294967295 };

/**
 * Where a volume mounts in the container: an absolute path (Docker and ECS mount targets), not "/"
 * itself, in characters that need no quoting in compose files and scripts.
 */
export const MOUNT_PATH: Pattern = {
  // Each character may be followed by one "/": the same paths as segments of characters (`[…]+\/?`),
  // written so that the pattern holds no quantifier whose removal leaves it unchanged.
  pattern: /^\/(?:[A-Za-z0-9._@+-]\/?)+$/,
  allowed: 'an absolute path inside the container like "/var/lib/app" (not "/" itself)',
};
