import type { Platform } from "./config/presets";

/** An image that `berth publish` pushed: the stacks pin it by digest. */
export interface PublishedImage {
  /** Repository URI as ECR reports it, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-prod/web`. */
  readonly repositoryUri: string;
  /** `sha256:<64 hex>` of the pushed manifest. */
  readonly digest: string;
  readonly platform: Platform;
  readonly tags: readonly string[];
  /** ISO 8601 time of the push. */
  readonly pushedAt: string;
}

/** Published images of one spec, by image name (e.g. "web"). Empty: nothing published yet. */
export type PublishedImages = ReadonlyMap<string, PublishedImage>;

/** `<repositoryUri>@sha256:...`: the reference a task definition or compose file pins. */
export function pinnedReference(image: PublishedImage): string {
  return `${image.repositoryUri}@${image.digest}`;
}
