import { existsSync, readFileSync } from "node:fs";
import { manifestPath } from "../../../scripts/images/manifest";
import { publish, type PublishOptions } from "../../../scripts/images/publish";
import { recordingProgress } from "./support/fixtures";
import { DIGEST, SHA, fakeRunner } from "./support/fake-runner";
import { APP_HASH, APP_TAG, REPOSITORY_URI, configWithApp, mockAws, withoutRepository } from "./support/unit";

/**
 * The images of `berth publish --json` and `berth deploy --json` as printed (JSON.stringify of the
 * outcomes): field names, order and values are the documents' format and must not change.
 */
async function printed(options: { inEcr?: boolean; noRepository?: boolean; publish?: PublishOptions } = {}) {
  const config = configWithApp();
  const aws = mockAws(options.inEcr ? { "h-": DIGEST } : {});
  if (options.noRepository) withoutRepository(aws.ecr);
  const deps = { ecr: aws.ecrClient, sts: aws.stsClient, run: fakeRunner(), progress: recordingProgress(), env: {}, sleep: async () => undefined, now: () => new Date("2026-11-27T12:00:00Z") };
  const result = await publish(config, deps, options.publish);
  const written = existsSync(manifestPath(config)) ? readFileSync(manifestPath(config), "utf8") : undefined;
  return { json: JSON.stringify(result.images), written };
}

const GIT_TAG = `git-${SHA.slice(0, 12)}`;

describe("publish outcomes as JSON", () => {
  it("prints a pushed image as image, repository, repositoryUri, platform, contentHash, tags, digest, status, notes", async () => {
    const p = await printed();
    expect(p.json).toBe(
      JSON.stringify([{ image: "web", repository: "shop-dev/web", repositoryUri: REPOSITORY_URI, platform: "linux/amd64", contentHash: APP_HASH, tags: [APP_TAG, GIT_TAG], digest: DIGEST, status: "pushed", notes: [] }]),
    );
  });

  it("prints a reused image as image, repository, platform, contentHash, repositoryUri, digest, tags, status, notes", async () => {
    const p = await printed({ inEcr: true });
    expect(p.json).toBe(
      JSON.stringify([{ image: "web", repository: "shop-dev/web", platform: "linux/amd64", contentHash: APP_HASH, repositoryUri: REPOSITORY_URI, digest: DIGEST, tags: [APP_TAG], status: "reused", notes: [] }]),
    );
  });

  it("prints a dry run's image already in ECR like a reused one, with status would-reuse", async () => {
    const p = await printed({ inEcr: true, publish: { dryRun: true } });
    expect(p.json).toBe(
      JSON.stringify([{ image: "web", repository: "shop-dev/web", platform: "linux/amd64", contentHash: APP_HASH, repositoryUri: REPOSITORY_URI, digest: DIGEST, tags: [APP_TAG], status: "would-reuse", notes: [] }]),
    );
  });

  it("prints a dry run's image to push without a digest", async () => {
    const p = await printed({ publish: { dryRun: true } });
    expect(p.json).toBe(
      JSON.stringify([{ image: "web", repository: "shop-dev/web", platform: "linux/amd64", contentHash: APP_HASH, repositoryUri: REPOSITORY_URI, tags: [APP_TAG, GIT_TAG], status: "would-push", notes: [] }]),
    );
  });

  it("prints an image whose repository does not exist yet without repositoryUri or digest, with a note", async () => {
    const p = await printed({ noRepository: true, publish: { dryRun: true, repositoriesMayBeMissing: true } });
    expect(p.json).toBe(
      JSON.stringify([
        { image: "web", repository: "shop-dev/web", platform: "linux/amd64", contentHash: APP_HASH, tags: [APP_TAG, GIT_TAG], status: "would-push", notes: ["repository shop-dev/web does not exist yet"] },
      ]),
    );
  });

  it("writes a pushed image's manifest entry with its fields in the version 1 order", async () => {
    const p = await printed();
    expect(p.written).toBe(
      `${JSON.stringify(
        {
          version: 1,
          images: {
            "shop-dev/web": { image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: DIGEST, platform: "linux/amd64", tags: [APP_TAG, GIT_TAG], contentHash: APP_HASH, pushedAt: "2026-11-27T12:00:00.000Z" },
          },
        },
        null,
        2,
      )}\n`,
    );
  });
});
