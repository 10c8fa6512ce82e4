import { pinnedReference } from "../../stacks/images";
import type { ImageOutcomeFields, PublishResult } from "./publish";

/** One line per image: what publish did, or would do in a dry run. */
export function describeImage(outcome: ImageOutcomeFields): string {
  const line = outcome.status === "would-push" ? plannedLine(outcome.planned, outcome.repository) : publishedLine(outcome);
  return [`${outcome.image}: ${line}`, ...outcome.notes.map((note) => `  note: ${note}`)].join("\n");
}

function plannedLine(planned: Extract<ImageOutcomeFields, { status: "would-push" }>["planned"], repository: string): string {
  return `would build for ${planned.platform} and push ${planned.repositoryUri ?? repository} with tags ${planned.tags.join(", ")}`;
}

function publishedLine({ status, published }: Exclude<ImageOutcomeFields, { status: "would-push" }>): string {
  const [hashTag] = published.tags;
  const pinned = pinnedReference(published);
  return {
    reused: `reused ${pinned} (${hashTag} was already in ECR: nothing built or pushed)`,
    pushed: `pushed ${pinned} (tags ${published.tags.join(", ")})`,
    "would-reuse": `would skip: ${hashTag} is already in ECR as ${pinned}`,
  }[status];
}

/**
 * An outcome as `--json` prints it (publish and deploy): flat, in the field order berth has always
 * printed (a pushed image lists repositoryUri before platform); undefined fields are left out.
 */
export function outcomeJson(outcome: ImageOutcomeFields): Record<string, unknown> {
  const { image, repository, status, notes } = outcome;
  if (outcome.status === "would-push") {
    const { platform, contentHash, repositoryUri, tags } = outcome.planned;
    return { image, repository, platform, contentHash, repositoryUri, tags, status, notes };
  }
  const { repositoryUri, platform, contentHash, tags, digest } = outcome.published;
  return status === "pushed"
    ? { image, repository, repositoryUri, platform, contentHash, tags, digest, status, notes }
    : { image, repository, platform, contentHash, repositoryUri, digest, tags, status, notes };
}

/** The images a publish had done when it stopped, e.g. "api (pushed sha256:…), web (reused sha256:…)". */
export function describeDone(images: readonly ImageOutcomeFields[]): string {
  return images.map((i) => `${i.image} (${i.status === "would-push" ? i.status : `${i.status} ${i.published.digest}`})`).join(", ");
}

/** What `berth publish` prints on stdout. */
export function formatPublish(result: PublishResult, header: string, dryRun: boolean): string {
  const lines = [header];
  for (const image of result.images) lines.push(...describeImage(image).split("\n").map((l) => `  ${l}`));
  for (const image of result.external) lines.push(`  ${image.name}: ${image.uri} (image.uri: nothing to publish)`);
  if (result.images.length > 0) {
    lines.push(dryRun ? `manifest: ${result.manifest} (dry run: unchanged)` : `manifest: ${result.manifest} (synth and deploy pin these digests)`);
  }
  return lines.join("\n");
}
