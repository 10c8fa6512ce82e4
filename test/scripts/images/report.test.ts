import { imageOutcome, type ImageStatus } from "../../../scripts/images/publish";
import { describeImage, formatPublish } from "../../../scripts/images/report";

const DIGEST = `sha256:${"e".repeat(64)}`;
const URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web";
const image = {
  image: "web",
  region: "eu-west-1",
  repositoryUri: URI,
  digest: DIGEST,
  platform: "linux/amd64",
  tags: ["h-000000000000000000000000", "git-0123456789ab"],
  contentHash: "0".repeat(64),
  pushedAt: "2026-11-27T12:00:00.000Z",
} as const;
const outcome = ({ status = "pushed", notes = [] }: { status?: ImageStatus; notes?: string[] }) =>
  imageOutcome(
    status === "would-push"
      ? { image: "web", repository: "shop-dev/web", status, planned: { repositoryUri: URI, platform: image.platform, contentHash: image.contentHash, tags: image.tags }, notes }
      : { image: "web", repository: "shop-dev/web", status, published: image, notes },
  );

describe("describeImage", () => {
  it.each([
    ["pushed", `web: pushed ${URI}@${DIGEST} (tags h-000000000000000000000000, git-0123456789ab)`],
    ["reused", `web: reused ${URI}@${DIGEST} (h-000000000000000000000000 was already in ECR: nothing built or pushed)`],
    ["would-reuse", `web: would skip: h-000000000000000000000000 is already in ECR as ${URI}@${DIGEST}`],
    ["would-push", `web: would build for linux/amd64 and push ${URI} with tags h-000000000000000000000000, git-0123456789ab`],
  ] as const)("says what happened to a %s image", (status, line) => {
    expect(describeImage(outcome({ status }))).toBe(line);
  });

  it("adds the image's notes below it", () => {
    expect(describeImage(outcome({ notes: ["git-0123456789ab already names another image"] })).split("\n")[1]).toBe("  note: git-0123456789ab already names another image");
  });
});

describe("formatPublish", () => {
  it("ends with where the manifest is, and that a dry run left it unchanged", () => {
    const text = formatPublish({ manifest: "/app/.berth/images.json", images: [outcome({ status: "would-push" })], external: [] }, "berth publish --dry-run: shop", true);
    expect(text.split("\n").at(-1)).toBe("manifest: /app/.berth/images.json (dry run: unchanged)");
  });

  it("names an image given by URI as nothing to publish", () => {
    const text = formatPublish({ manifest: "/app/.berth/images.json", images: [], external: [{ name: "web", uri: "public.ecr.aws/nginx/nginx:1.27" }] }, "berth publish: shop", false);
    expect(text).toBe("berth publish: shop\n  web: public.ecr.aws/nginx/nginx:1.27 (image.uri: nothing to publish)");
  });
});
