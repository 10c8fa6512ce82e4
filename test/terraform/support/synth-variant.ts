import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentHash } from "../../../scripts/images/content-hash";
import { manifestPath, recordPublishedImage } from "../../../scripts/images/manifest";
import { imageSources } from "../../../scripts/images/sources";
import { synthConfig, type SynthResult } from "../../../scripts/synth/synth";
import { resolveConfig } from "../../../stacks/spec/resolve";
import { validateConfig } from "../../../stacks/spec/validate";
import type { Variant } from "../variants";

/** One synthesized stack of a variant. */
export interface SynthesizedStack {
  readonly variant: string;
  readonly stack: string;
  /** Path of its cdk.tf.json. */
  readonly file: string;
  readonly json: { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>> };
}

export interface SynthesizedVariant {
  readonly variant: Variant;
  readonly result: SynthResult;
  readonly stacks: readonly SynthesizedStack[];
}

/** Digest of the image a variant records as published (a made-up manifest digest). */
export const PUBLISHED_DIGEST = `sha256:${"5e".repeat(32)}`;

/**
 * Writes the variant's spec folder `<root>/<variant name>` (an app folder with a Dockerfile as build context) and
 * synthesizes it as `berth synth` does; a `published` variant first gets a manifest entry for the
 * context's current content.
 */
export function synthVariant(root: string, variant: Variant, accountId: string): SynthesizedVariant {
  const dir = join(root, variant.name);
  mkdirSync(dir);
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch AS runtime\nCOPY index.html /\n");
  writeFileSync(join(dir, "app", "index.html"), `<h1>${variant.name}</h1>\n`);
  const config = resolveConfig(validateConfig(variant.spec, `${variant.name} spec`), dir);
  if (variant.published) {
    for (const source of imageSources(config).build) {
      recordPublishedImage(manifestPath(config), source.repositoryName, {
        image: source.name,
        region: config.region,
        repositoryUri: `${accountId}.dkr.ecr.${config.region}.amazonaws.com/${source.repositoryName}`,
        digest: PUBLISHED_DIGEST,
        platform: source.platform,
        tags: [],
        contentHash: contentHash(source),
        pushedAt: "2026-11-27T12:00:00.000Z",
      });
    }
  }
  const result = synthConfig(config, join(dir, "cdktf.out"));
  const stacks = result.stacks.map((s) => {
    const file = join(result.outdir, "stacks", s.name, "cdk.tf.json");
    return { variant: variant.name, stack: s.name, file, json: JSON.parse(readFileSync(file, "utf8")) as SynthesizedStack["json"] };
  });
  return { variant, result, stacks };
}
