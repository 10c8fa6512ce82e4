import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { manifestPath, pinnedImages, readManifest, recordPublishedImage, type ManifestEntry } from "../../../scripts/images/manifest";
import { formatSummary, synth } from "../../../scripts/synth";
import { errorOf, resolved } from "../../helpers";
import { specSource, tempDir, writeSpec } from "../run";

const DIGEST = `sha256:${"c".repeat(64)}`;
const URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web";
const entry = (overrides: Partial<ManifestEntry> = {}): ManifestEntry => ({
  image: "web",
  region: "eu-west-1",
  repositoryUri: URI,
  digest: DIGEST,
  platform: "linux/amd64",
  tags: ["h-0123456789abcdef01234567", "git-0123456789ab"],
  contentHash: "0123456789abcdef".repeat(4),
  pushedAt: "2026-11-27T12:00:00.000Z",
  ...overrides,
});
const configIn = (dir: string, overrides: Record<string, unknown> = {}) => ({ ...resolved(overrides), baseDir: dir });

describe("the image manifest", () => {
  it("lives in .berth/images.json beside the spec", () => {
    expect(manifestPath({ baseDir: "/work/app" })).toBe("/work/app/.berth/images.json");
  });

  it("is empty when nothing was published", () => {
    expect(readManifest(join(tempDir(), "images.json"))).toEqual({ version: 1, images: {} });
  });

  it("reads back a recorded image, and leaves no temporary file", () => {
    const path = join(tempDir(), ".berth", "images.json");
    recordPublishedImage(path, "shop-dev/web", entry());
    expect([readManifest(path).images["shop-dev/web"], readdirSync(dirname(path))]).toEqual([entry(), ["images.json"]]);
  });

  it("rejects a file that is not JSON, saying what to do", () => {
    const path = join(tempDir(), "images.json");
    writeFileSync(path, "{ half");
    expect(errorOf(() => readManifest(path))).toMatch(new RegExp(`^The image manifest ${path} is invalid: not valid JSON \\(.*\\)\\.\\nDelete it and run berth publish to write it again\\.$`));
  });

  it("rejects an entry whose digest is not a sha256 digest, naming the field", () => {
    const path = join(tempDir(), "images.json");
    writeFileSync(path, JSON.stringify({ version: 1, images: { "shop-dev/web": entry({ digest: "latest" }) } }));
    expect(errorOf(() => readManifest(path))).toBe(
      `The image manifest ${path} is invalid: images.shop-dev/web.digest: must be sha256:<64 hex>.\nDelete it and run berth publish to write it again.`,
    );
  });
});

describe("pinnedImages (what synth pins)", () => {
  const withManifest = (e: ManifestEntry, overrides: Record<string, unknown> = {}) => {
    const dir = tempDir();
    recordPublishedImage(manifestPath({ baseDir: dir }), "shop-dev/web", e);
    return pinnedImages(configIn(dir, overrides));
  };

  it("pins a published image as <repositoryUri>@<digest>", () => {
    expect(withManifest(entry()).pins).toEqual([{ image: "web", reference: `${URI}@${DIGEST}` }]);
  });

  it("passes the published image to the stacks by image name", () => {
    expect(withManifest(entry()).published.get("web")).toEqual({ repositoryUri: URI, digest: DIGEST, platform: "linux/amd64", tags: entry().tags, pushedAt: entry().pushedAt });
  });

  it("does not pin without a manifest, and says to publish", () => {
    expect(pinnedImages(configIn(tempDir())).pins).toEqual([{ image: "web", note: "not pinned (run berth publish)" }]);
  });

  it("does not pin an image published for another platform", () => {
    expect(withManifest(entry(), { image: { context: "./app", platform: "linux/arm64" } }).pins).toEqual([
      { image: "web", note: "not pinned (run berth publish): published for linux/amd64, the spec asks for linux/arm64" },
    ]);
  });

  it("does not pin an image published in another region", () => {
    expect(withManifest(entry({ region: "us-east-1" })).pins).toEqual([
      { image: "web", note: "not pinned (run berth publish): published in us-east-1, the spec deploys to eu-west-1" },
    ]);
  });

  it("names an image given by URI as deployed as given", () => {
    expect(pinnedImages(configIn(tempDir(), { image: { uri: "public.ecr.aws/nginx/nginx:1.27" } })).pins).toEqual([
      { image: "web", note: "public.ecr.aws/nginx/nginx:1.27 (image.uri: deployed as given, not built by berth)" },
    ]);
  });
});

describe("the synth summary", () => {
  const synthWith = (manifest?: ManifestEntry) => {
    const spec = writeSpec(specSource());
    if (manifest) recordPublishedImage(manifestPath({ baseDir: dirname(spec) }), "shop-dev/web", manifest);
    mkdirSync(join(dirname(spec), "app"));
    return formatSummary(synth(spec, join(tempDir(), "out")), "berth.config.ts");
  };

  it("says per image that it is pinned, with the reference", () => {
    expect(synthWith(entry())).toContain(`\n  image web: pinned ${URI}@${DIGEST}`);
  });

  it("says per image that it is not pinned without a manifest", () => {
    expect(synthWith()).toContain("\n  image web: not pinned (run berth publish)");
  });

  it("passes the stacks' notes on", () => {
    expect(synthWith()).toContain("\n  note: shop-dev-fargate: serves plain HTTP (fargate.plainHttp): no TLS; set fargate.https for production");
  });
});
