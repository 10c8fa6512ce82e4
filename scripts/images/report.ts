import type { ImageOutcome, PublishResult } from "./publish";

/** One line per image: what publish did, or would do in a dry run. */
export function describeImage(outcome: ImageOutcome): string {
  const [hashTag] = outcome.tags;
  const where = outcome.repositoryUri ?? outcome.repository;
  const pinned = `${where}@${outcome.digest}`;
  const line = {
    reused: `reused ${pinned} (${hashTag} was already in ECR: nothing built or pushed)`,
    pushed: `pushed ${pinned} (tags ${outcome.tags.join(", ")})`,
    "would-reuse": `would skip: ${hashTag} is already in ECR as ${pinned}`,
    "would-push": `would build for ${outcome.platform} and push ${where} with tags ${outcome.tags.join(", ")}`,
  }[outcome.status];
  return [`${outcome.image}: ${line}`, ...outcome.notes.map((note) => `  note: ${note}`)].join("\n");
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
