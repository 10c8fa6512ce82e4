import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import * as z from "zod";
import { BerthError } from "../../stacks/errors";
import { PLATFORMS } from "../../constructs/limits/images";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { pinnedReference, type ImageBuild, type ImageBuilds, type PublishedImage } from "../../stacks/images";
import { contentHash } from "./content-hash";
import { imageSources } from "./sources";
import { contentTag } from "./tags";

/**
 * The image manifest, `<spec folder>/.berth/images.json`: what `berth publish` pushed, by ECR
 * repository name, so one file serves every stage of a spec. Synth pins these digests.
 */
const entrySchema = z.strictObject({
  image: z.string(),
  region: z.string(),
  repositoryUri: z.string().min(1),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: "must be sha256:<64 hex>" }),
  platform: z.enum(PLATFORMS),
  tags: z.array(z.string()),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hex digits (a sha256)" }),
  pushedAt: z.string(),
}) satisfies z.ZodType<PublishedImage>;
const manifestSchema = z.strictObject({ version: z.literal(1), images: z.record(z.string(), entrySchema) });

export interface ImageManifest {
  readonly version: 1;
  /** By ECR repository name, e.g. "shop-prod/web". */
  readonly images: Readonly<Record<string, PublishedImage>>;
}

export function manifestPath(config: Pick<ResolvedConfig, "baseDir">): string {
  return join(config.baseDir, ".berth", "images.json");
}

/** The manifest at `path`; empty when there is none yet. */
export function readManifest(path: string): ImageManifest {
  if (!existsSync(path)) return { version: 1, images: {} };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw invalidManifest(path, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidManifest(path, `${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  return parsed.data;
}

function invalidManifest(path: string, problem: string): BerthError {
  return new BerthError(`The image manifest ${path} is invalid: ${problem}.\nDelete it and run berth publish to write it again.`);
}

/**
 * Records one pushed image. The manifest is re-read, so entries of other images and stages stay,
 * and replaced in one rename: a run that stops half-way leaves the previous manifest whole.
 */
export function recordPublishedImage(path: string, repository: string, entry: PublishedImage): void {
  const manifest = readManifest(path);
  const next: ImageManifest = { version: 1, images: { ...manifest.images, [repository]: entry } };
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, `${JSON.stringify(next, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** How synth references one image of the spec. */
export interface ImagePin {
  readonly image: string;
  /** pinnedReference of the manifest's record, when pinned by it. */
  readonly reference?: string;
  /** The content tag the stacks look up at plan time when not pinned. */
  readonly tag?: string;
  /** Why the image is not pinned, or where an external image comes from. */
  readonly note?: string;
}

/**
 * What the stacks deploy of each image berth builds, decided offline: the content tag of its
 * build inputs (the tag `berth publish` pushes), and the manifest's digest when exactly that content
 * was published in the spec's region. An entry for other content (the sources changed since) or
 * another region is not used: the stacks then name the new content tag, and plan fails until it is
 * published.
 */
export function imageBuilds(config: ResolvedConfig): { builds: ImageBuilds; pins: ImagePin[] } {
  // The build contexts and platforms are checked before the manifest is read.
  const { build, external } = imageSources(config);
  const manifest = readManifest(manifestPath(config));
  const builds = new Map<string, ImageBuild>();
  const pins: ImagePin[] = external.map((image) => ({ image: image.name, note: `${image.uri} (image.uri: deployed as given, not built by berth)` }));
  for (const source of build) {
    const hash = contentHash(source);
    const tag = contentTag(hash);
    const entry = manifest.images[source.repositoryName];
    const mismatch = !entry
      ? "never published"
      : entry.contentHash !== hash
        ? `the sources changed since ${contentTag(entry.contentHash)} was published`
        : entry.region !== config.region
          ? `published in ${entry.region}, the spec deploys to ${config.region}`
          : undefined;
    if (!entry || mismatch) {
      builds.set(source.name, { contentTag: tag });
      pins.push({ image: source.name, tag, note: `${tag}, looked up at plan; ${mismatch}: run berth publish before plan` });
      continue;
    }
    builds.set(source.name, { contentTag: tag, published: entry });
    pins.push({ image: source.name, reference: pinnedReference(entry), tag });
  }
  return { builds, pins };
}
