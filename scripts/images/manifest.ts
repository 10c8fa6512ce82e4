import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { BerthError } from "../../constructs/errors";
import { PLATFORMS } from "../../stacks/config/schema";
import type { ResolvedConfig } from "../../stacks/config/presets";
import { pinnedReference, type PublishedImage, type PublishedImages } from "../../stacks/images";
import { repositoryName } from "../../stacks/naming";
import { specImages } from "./sources";

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
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: "must be 64 hex characters" }),
  pushedAt: z.string(),
});
const manifestSchema = z.strictObject({ version: z.literal(1), images: z.record(z.string(), entrySchema) });

export type ManifestEntry = z.infer<typeof entrySchema>;
export type ImageManifest = z.infer<typeof manifestSchema>;

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
export function recordPublishedImage(path: string, repository: string, entry: ManifestEntry): void {
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
  /** `repo@sha256:…` when pinned. */
  readonly reference?: string;
  /** Why the image is not pinned, or where an external image comes from. */
  readonly note?: string;
}

/**
 * The published images synth pins, from the manifest. An entry published for another region or
 * platform than the spec now asks for is not pinned: deploying it would pull a wrong image.
 */
export function pinnedImages(config: ResolvedConfig): { published: PublishedImages; pins: ImagePin[] } {
  const manifest = readManifest(manifestPath(config));
  const published = new Map<string, PublishedImage>();
  const pins: ImagePin[] = [];
  for (const image of specImages(config)) {
    if (!image.build) {
      pins.push({ image: image.name, note: `${image.uri} (image.uri: deployed as given, not built by berth)` });
      continue;
    }
    const entry = manifest.images[repositoryName(config, image.name)];
    const mismatch = !entry
      ? undefined
      : entry.region !== config.region
        ? `published in ${entry.region}, the spec deploys to ${config.region}`
        : entry.platform !== image.platform
          ? `published for ${entry.platform}, the spec asks for ${image.platform}`
          : undefined;
    if (!entry || mismatch) {
      pins.push({ image: image.name, note: `not pinned (run berth publish)${mismatch ? `: ${mismatch}` : ""}` });
      continue;
    }
    const publishedImage: PublishedImage = {
      repositoryUri: entry.repositoryUri,
      digest: entry.digest,
      platform: entry.platform,
      tags: entry.tags,
      pushedAt: entry.pushedAt,
    };
    published.set(image.name, publishedImage);
    pins.push({ image: image.name, reference: pinnedReference(publishedImage) });
  }
  return { published, pins };
}
