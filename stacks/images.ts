import { BerthError } from "./errors";
import type { Platform } from "./spec/resolve";
import { pinnedReference } from "../constructs/ecr-image/reference";

export { pinnedReference };

/**
 * One image `berth publish` pushed, as `<spec folder>/.berth/images.json` stores it (by ECR
 * repository name; fields in the file's order): publish writes it, synth reads it, the stacks pin it.
 */
export interface PublishedImage {
  /** The spec's image name, e.g. "web". */
  readonly image: string;
  /** Region of the repository: synth pins only an image published in the spec's region. */
  readonly region: string;
  /** Repository URI as ECR reports it, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-prod/web`. */
  readonly repositoryUri: string;
  /** `sha256:<64 hex>` of the pushed manifest. */
  readonly digest: string;
  readonly platform: Platform;
  /** The content tag first, then e.g. the commit tag. */
  readonly tags: readonly string[];
  /** 64 hex digits of the build inputs: synth pins only an image of the current content. */
  readonly contentHash: string;
  /** ISO 8601 time of the push. */
  readonly pushedAt: string;
}

/**
 * The build of one app image that the stacks deploy, known offline at synth: its content tag, and
 * the published digest when exactly this content was published.
 */
export interface ImageBuild {
  /** `h-<24 hex>`: the content tag `berth publish` gives these build inputs. */
  readonly contentTag: string;
  /** The manifest's record of this content in this region: pinned by digest, nothing looked up. */
  readonly published?: PublishedImage;
}

/** The builds of one spec's images, by image name (e.g. "web"). */
export type ImageBuilds = ReadonlyMap<string, ImageBuild>;

/**
 * How the stacks name a built image: its published digest, else its content tag (resolved to a
 * digest at plan time, which fails there when the content was never published).
 */
export function requireBuild(builds: ImageBuilds, image: string): { tag?: string; pinnedReference?: string } {
  const build = builds.get(image);
  if (!build) {
    throw new BerthError(`No build is known for image "${image}": synthesize through berth (npm run synth or npx cdktf synth), which computes each image's content tag.`);
  }
  return build.published ? { pinnedReference: pinnedReference(build.published) } : { tag: build.contentTag };
}
