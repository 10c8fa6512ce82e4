import type { Pattern } from "./rule";

/**
 * The platforms berth builds and runs: Linux on x86_64 or arm64, what Fargate's runtime platforms
 * (ECS API Reference, RuntimePlatform: X86_64, ARM64) and EC2's instance architectures offer.
 */
export const PLATFORMS = ["linux/amd64", "linux/arm64"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Docker's tag grammar (distribution/reference, regexp.go: tag). */
const TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
const DIGEST = "@sha256:[a-f0-9]{64}";
/** Registry host and port, then path components (distribution/reference: domain, path-component). */
const DOMAIN = "[a-z0-9.-]+(?::\\d+)?";
const PATH = "(?:[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\\/)*[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REPOSITORY = `${DOMAIN}\\/${PATH}`;

/** `<registry>/<repository>` with a tag, a digest or both: berth never deploys an implicit :latest. */
export const IMAGE_URI: Pattern = {
  pattern: new RegExp(`^${REPOSITORY}(?::${TAG}(?:${DIGEST})?|${DIGEST})$`),
  allowed:
    'an image reference with a tag or a digest like "public.ecr.aws/nginx/nginx:1.27" or registry/name@sha256:<64 hex> (berth never deploys an implicit :latest)',
};

/**
 * Any image reference Docker pulls, the registry optional (Docker Hub: "redis:7"), with a tag or a
 * digest: a sidecar never runs an implicit :latest either.
 */
export const IMAGE_REFERENCE: Pattern = {
  pattern: new RegExp(`^(?:${DOMAIN}\\/)?${PATH}(?::${TAG}(?:${DIGEST})?|${DIGEST})$`),
  allowed: 'an image reference with a tag or a digest like "redis:7.4" or "public.ecr.aws/nginx/nginx@sha256:<64 hex>" (berth never deploys an implicit :latest)',
};

/** `<repository uri>@sha256:<64 hex>`: exactly one image. */
export const PINNED_REFERENCE: Pattern = {
  pattern: new RegExp(`^${REPOSITORY}${DIGEST}$`),
  allowed: "<repository uri>@sha256:<64 hex digits>",
};

export const IMAGE_TAG: Pattern = {
  pattern: new RegExp(`^${TAG}$`),
  allowed: 'a Docker tag (a letter, digit or underscore, then up to 127 of those, "." or "-")',
};
