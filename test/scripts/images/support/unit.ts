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

const ACCOUNT = "123456789012";
/** As the SDK reports a service error (JSON protocol, HTTP 400): $metadata carries the status. */
const ERROR_METADATA = { httpStatusCode: 400, requestId: "00000000-0000-0000-0000-000000000000", attempts: 1, totalRetryDelay: 0 };

/** ECR's message for a missing repository (ECR API Reference, RepositoryNotFoundException). */
const repositoryNotFound = (name: string) =>
  new RepositoryNotFoundException({ message: `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`, $metadata: ERROR_METADATA });

/**
 * ECR and STS mocks that answer like the real API for what berth sends and refuse anything else:
 * the repository shop-dev/web exists (any other name: RepositoryNotFoundException); no tag is in
 * ECR (DescribeImages: ImageNotFoundException, with ECR's wording) unless `images` maps a tag
 * prefix to a digest; the token is AWS:PASSWORD and expires in 12 hours; any other command is
 * refused (aws-sdk-client-mock would otherwise answer undefined).
 */
export function mockAws(images: Record<string, string> = {}) {
  const ecr = mockClient(ECRClient);
  const sts = mockClient(STSClient);
  ecr.onAnyCommand().rejects(new Error("mockAws: an ECR command berth does not send"));
  sts.onAnyCommand().rejects(new Error("mockAws: an STS command berth does not send"));
  ecr.on(DescribeRepositoriesCommand).callsFake((input: { repositoryNames?: string[] }) => {
    const missing = (input.repositoryNames ?? []).find((name) => name !== "shop-dev/web");
    if (missing !== undefined || input.repositoryNames?.length !== 1) throw repositoryNotFound(missing ?? String(input.repositoryNames));
    return {
      repositories: [
        {
          repositoryArn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/shop-dev/web`,
          registryId: ACCOUNT,
          repositoryName: "shop-dev/web",
          repositoryUri: REPOSITORY_URI,
          createdAt: new Date("2026-01-01T00:00:00Z"),
          imageTagMutability: "IMMUTABLE",
        },
      ],
    };
  });
  ecr.on(DescribeImagesCommand).callsFake((input: { repositoryName: string; imageIds: { imageTag: string }[] }) => {
    if (input.repositoryName !== "shop-dev/web") throw repositoryNotFound(input.repositoryName);
    const tag = input.imageIds[0]!.imageTag;
    const prefix = Object.keys(images).find((p) => tag.startsWith(p));
    if (!prefix) {
      throw new ImageNotFoundException({
        message: `The image with imageId {imageDigest:'null', imageTag:'${tag}'} does not exist within the repository with name '${input.repositoryName}' in the registry with id '${ACCOUNT}'`,
        $metadata: ERROR_METADATA,
      });
    }
    return { imageDetails: [{ registryId: ACCOUNT, repositoryName: input.repositoryName, imageDigest: images[prefix], imageTags: [tag], imageSizeInBytes: 524, imagePushedAt: new Date("2026-01-01T00:00:00Z") }] };
  });
  ecr.on(GetAuthorizationTokenCommand).callsFake(() => ({
    authorizationData: [
      { authorizationToken: Buffer.from(`AWS:${PASSWORD}`).toString("base64"), expiresAt: new Date(Date.now() + 12 * 3600 * 1000), proxyEndpoint: `https://${REGISTRY}` },
    ],
  }));
  sts.on(GetCallerIdentityCommand).resolves({ UserId: "AIDAEXAMPLEUSERID0001", Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci` });
  return { ecr, sts, ecrClient: new ECRClient({ region: "eu-west-1" }), stsClient: new STSClient({ region: "eu-west-1" }) };
}

/** Makes the repository missing: DescribeRepositories and DescribeImages answer RepositoryNotFoundException. */
export function withoutRepository(ecr: ReturnType<typeof mockAws>["ecr"]): void {
  ecr.on(DescribeRepositoriesCommand).rejects(repositoryNotFound("shop-dev/web"));
  ecr.on(DescribeImagesCommand).rejects(repositoryNotFound("shop-dev/web"));
}

export { DIGEST };
