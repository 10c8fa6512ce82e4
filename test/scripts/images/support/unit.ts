import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
  RepositoryNotFoundException,
} from "@aws-sdk/client-ecr";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedConfig } from "../../../../stacks/spec/resolve";
import { resolveConfig } from "../../../../stacks/spec/resolve";
import { validateConfig } from "../../../../stacks/spec/validate";
import { minimalSpec } from "../../../helpers";
import { tempDir } from "../../run";
import { DIGEST } from "./fake-runner";

export const REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
export const REPOSITORY_URI = `${REGISTRY}/shop-dev/web`;
export const PASSWORD = "ecr-token-password";

/**
 * The content hash of configWithApp's image for linux/amd64 without build args or target, and its
 * content tag (docs/images.md: sha256 over the scheme berth-image-content/1; the tag is h- and the
 * hash's first 24 hex digits). Written out, not computed, so that a change of the scheme, which
 * would make every published image look new, fails the publish tests.
 */
export const APP_HASH = "8bdbe9ee3a95f3d4bc746b0491df7c0d039eafef0c6c8f511d0613ba5397173c";
export const APP_TAG = "h-8bdbe9ee3a95f3d4bc746b04";

/** A spec folder with app/Dockerfile and app/index.html, resolved with `overrides` (the spec is minimalSpec's). */
export function configWithApp(overrides: Record<string, unknown> = {}): ResolvedConfig {
  const dir = tempDir();
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\nCOPY index.html /index.html\n");
  writeFileSync(join(dir, "app", "index.html"), "<p>hello</p>\n");
  // The hash counts permission bits (COPY keeps them): fixed here, whatever the umask.
  chmodSync(join(dir, "app"), 0o755);
  for (const file of ["Dockerfile", "index.html"]) chmodSync(join(dir, "app", file), 0o644);
  return resolveConfig(validateConfig(minimalSpec(overrides), "test spec"), dir);
}

/**
 * ECR and STS mocks: the repository exists, no tag is in ECR (every DescribeImages answers
 * ImageNotFound) unless `images` maps a tag prefix to a digest, and the token is AWS:PASSWORD.
 */
export function mockAws(images: Record<string, string> = {}) {
  const ecr = mockClient(ECRClient);
  const sts = mockClient(STSClient);
  ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: "shop-dev/web", repositoryUri: REPOSITORY_URI }] });
  ecr.on(DescribeImagesCommand).callsFake((input: { imageIds: { imageTag: string }[] }) => {
    const tag = input.imageIds[0]!.imageTag;
    const prefix = Object.keys(images).find((p) => tag.startsWith(p));
    if (!prefix) throw new ImageNotFoundException({ message: `The image with imageId {imageTag:'${tag}'} does not exist`, $metadata: {} });
    return { imageDetails: [{ imageDigest: images[prefix], imageTags: [tag], imagePushedAt: new Date("2026-01-01T00:00:00Z") }] };
  });
  ecr.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [{ authorizationToken: Buffer.from(`AWS:${PASSWORD}`).toString("base64"), proxyEndpoint: `https://${REGISTRY}` }],
  });
  sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ci" });
  return { ecr, sts, ecrClient: new ECRClient({ region: "eu-west-1" }), stsClient: new STSClient({ region: "eu-west-1" }) };
}

/** Makes DescribeRepositories answer that the repository does not exist. */
export function withoutRepository(ecr: ReturnType<typeof mockAws>["ecr"]): void {
  ecr.on(DescribeRepositoriesCommand).rejects(new RepositoryNotFoundException({ message: "The repository with name 'shop-dev/web' does not exist", $metadata: {} }));
}

export { DIGEST };
