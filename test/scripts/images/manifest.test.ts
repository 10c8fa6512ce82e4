import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { contentHash } from "../../../scripts/images/content-hash";
import { imageBuilds, manifestPath, readManifest, recordPublishedImage } from "../../../scripts/images/manifest";
import type { PublishedImage } from "../../../stacks/images";
import { imageSources } from "../../../scripts/images/sources";
import { formatSummary, synth } from "../../../scripts/synth/synth";
import { errorOf, resolved } from "../../helpers";
import { specSource, tempDir, writeSpec } from "../run";

const DIGEST = `sha256:${"c".repeat(64)}`;
const URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web";
const entry = (overrides: Partial<PublishedImage> = {}): PublishedImage => ({
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
/** `<spec folder>/.berth/images.json` exactly as berth writes it (format version 1). */
const VERSION_1_FILE = `{
  "version": 1,
  "images": {
    "shop-dev/web": {
      "image": "web",
      "region": "eu-west-1",
      "repositoryUri": "${URI}",
      "digest": "${DIGEST}",
      "platform": "linux/amd64",
      "tags": [
        "h-0123456789abcdef01234567",
        "git-0123456789ab"
      ],
      "contentHash": "${"0123456789abcdef".repeat(4)}",
      "pushedAt": "2026-11-27T12:00:00.000Z"
    }
  }
}
`;
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

  it("reads a file in the version 1 format that berth has always written", () => {
    const path = join(tempDir(), "images.json");
    writeFileSync(path, VERSION_1_FILE);
    expect(readManifest(path).images["shop-dev/web"]).toEqual(entry());
  });

  it("writes the version 1 format: the entry's fields in order, two-space indent, final newline", () => {
    const path = join(tempDir(), ".berth", "images.json");
    recordPublishedImage(path, "shop-dev/web", entry());
    expect(readFileSync(path, "utf8")).toBe(VERSION_1_FILE);
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

describe("imageBuilds (what synth deploys of each built image)", () => {
  /** A spec folder with a build context holding a Dockerfile. */
  const appDir = () => {
    const dir = tempDir();
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\nCOPY . /\n");
    // The content hash counts permission bits: fixed here, whatever the umask.
    chmodSync(join(dir, "app"), 0o755);
    chmodSync(join(dir, "app", "Dockerfile"), 0o644);
    return dir;
  };
  /** Adds app/index.html "changed\n" (mode 0644) to an appDir. */
  const change = (dir: string) => {
    writeFileSync(join(dir, "app", "index.html"), "changed\n");
    chmodSync(join(dir, "app", "index.html"), 0o644);
  };
  // The content tags of appDir's sources before and after change(), for linux/amd64 (docs/images.md:
  // h- and the first 24 hex digits of the sha256 content hash), written out so a changed scheme fails.
  const TAG = "h-a4da9db8c44d8539943f8a6b";
  const CHANGED_TAG = "h-79730a2bbc5e63a327479a02";
  /** The manifest entry `berth publish` writes for the context's current content. */
  const publishedNow = (dir: string, overrides: Partial<PublishedImage> = {}) => {
    const config = configIn(dir);
    const source = imageSources(config).build[0]!;
    recordPublishedImage(manifestPath(config), "shop-dev/web", entry({ contentHash: contentHash(source), ...overrides }));
    return config;
  };
  const CONTENT_TAG_FORMAT = /^h-[0-9a-f]{24}$/;

  it("pins an image whose current content was published, as <repositoryUri>@<digest>", () => {
    expect(imageBuilds(publishedNow(appDir())).pins[0]!.reference).toBe(`${URI}@${DIGEST}`);
  });

  it("passes the manifest's record of the image to the stacks by image name", () => {
    const config = publishedNow(appDir());
    expect(imageBuilds(config).builds.get("web")!.published).toEqual(readManifest(manifestPath(config)).images["shop-dev/web"]);
  });

  it("names an unpublished image by a content tag: h- and 24 hex digits (docs/images.md)", () => {
    expect(imageBuilds(configIn(appDir())).builds.get("web")).toEqual({ contentTag: expect.stringMatching(CONTENT_TAG_FORMAT) });
  });

  it("says an unpublished image is looked up by its tag at plan, and to publish", () => {
    const { pins } = imageBuilds(configIn(appDir()));
    expect(pins[0]!.note).toBe(`${TAG}, looked up at plan; never published: run berth publish before plan`);
  });

  it("does not pin a published image once its sources changed, and names the new content tag", () => {
    const dir = appDir();
    const config = publishedNow(dir);
    const before = imageBuilds(config).builds.get("web")!.contentTag;
    change(dir);
    const after = imageBuilds(config);
    expect([after.builds.get("web")!.published, after.builds.get("web")!.contentTag === before]).toEqual([undefined, false]);
  });

  it("says why a published image whose sources changed is not pinned", () => {
    const dir = appDir();
    const config = publishedNow(dir);
    change(dir);
    const { pins: [changed] } = imageBuilds(config);
    expect(changed!.note).toBe(`${CHANGED_TAG}, looked up at plan; the sources changed since ${TAG} was published: run berth publish before plan`);
  });

  it("gives the same content tag in two folders holding the same sources", () => {
    expect(imageBuilds(configIn(appDir())).builds.get("web")!.contentTag).toBe(imageBuilds(configIn(appDir())).builds.get("web")!.contentTag);
  });

  it("does not pin an image published in another region", () => {
    const { pins } = imageBuilds(publishedNow(appDir(), { region: "us-east-1" }));
    expect(pins[0]!.note).toBe(`${TAG}, looked up at plan; published in us-east-1, the spec deploys to eu-west-1: run berth publish before plan`);
  });

  it("names an image given by URI as deployed as given, with no build", () => {
    const result = imageBuilds(configIn(tempDir(), { image: { uri: "public.ecr.aws/nginx/nginx:1.27" } }));
    expect([result.pins, result.builds.size]).toEqual([[{ image: "web", note: "public.ecr.aws/nginx/nginx:1.27 (image.uri: deployed as given, not built by berth)" }], 0]);
  });
});

describe("the synth summary", () => {
  const synthWith = (published: boolean) => {
    const spec = writeSpec(specSource());
    if (published) {
      const config = configIn(dirname(spec));
      recordPublishedImage(manifestPath(config), "shop-dev/web", entry({ contentHash: contentHash(imageSources(config).build[0]!) }));
    }
    return formatSummary(synth(spec, join(tempDir(), "out")), "berth.config.ts");
  };

  it("says per image that it is pinned, with the reference and its content tag", () => {
    expect(synthWith(true)).toMatch(new RegExp(`\\n  image web: pinned ${URI}@${DIGEST} \\(h-[0-9a-f]{24}\\)\\n`));
  });

  it("says per image that it is looked up by content tag at plan without a manifest", () => {
    expect(synthWith(false)).toMatch(/\n {2}image web: h-[0-9a-f]{24}, looked up at plan; never published: run berth publish before plan\n/);
  });

  it("passes the stacks' notes on", () => {
    expect(synthWith(false)).toContain("\n  note: shop-dev-fargate: serves plain HTTP (fargate.plainHttp): no TLS; set fargate.https for production");
  });
});
