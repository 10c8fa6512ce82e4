import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient, GetAuthorizationTokenCommand, ListImagesCommand } from "@aws-sdk/client-ecr";
import { fakeRunner } from "./support/fake-runner";
import { startFakeEcr, type FakeEcr, type LocalRegistry } from "./support/local-ecr";
import { mockAws as mockAwsClients } from "./support/unit";

/**
 * The fakes the publish tests stand on, compared with what the real services answer. Recorded
 * shapes: the AWS CLI's examples (aws/aws-cli awscli/examples/ecr/describe-images.rst,
 * get-authorization-token.rst), ECR's error text as Terraform users report it
 * (hashicorp/terraform-provider-aws#35268), and docker push's last line (docker/cli
 * e2e/image/push_test.go).
 */
const RECORDED_AUTHORIZATION_DATA = { authorizationToken: "QVdTOkN...", expiresAt: 1448875853.241, proxyEndpoint: "https://012345678910.dkr.ecr.us-west-2.amazonaws.com" };
const RECORDED_IMAGE_DETAIL = {
  registryId: "012345678910",
  repositoryName: "cluster-autoscaler",
  imageDigest: "sha256:4a1c6567c38904384ebc64e35b7eeddd8451110c299e3368d2210066487d97e5",
  imageTags: ["v1.13.6"],
  imageSizeInBytes: 48318255,
  imagePushedAt: 1565128275.0,
};
const RECORDED_IMAGE_NOT_FOUND =
  "The image with imageId {imageDigest:'null', imageTag:'latest'} does not exist within the repository with name 'main' in the registry with id '058043570872'";
const RECORDED_PUSH_LAST_LINE = "v1.0.1: digest: sha256:e2e16842c9b54d985bf1ef9242a313f36b856181f188de21313820e177002501 size: 528";

/** The recorded text with its names, ids and digests replaced by patterns, as a RegExp. */
const shapeOf = (recorded: string) =>
  new RegExp(`^${recorded.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'[^']*'/g, "'[^']*'").replace(/sha256:[0-9a-f]{64}/g, "sha256:[0-9a-f]{64}").replace(/v1\\\.0\\\.1/, "\\S+").replace(/\d+$/, "\\d+")}$`);

const ecrError = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error("expected the call to fail");
};

describe("mockAws (aws-sdk-client-mock) answers like ECR", () => {
  // aws-sdk-client-mock replaces send on every ECRClient: restored so the endpoint tests below reach the endpoint.
  const mocks: ReturnType<typeof mockAwsClients>[] = [];
  const mockAws = (images?: Record<string, string>) => {
    mocks.push(mockAwsClients(images));
    return mocks.at(-1)!;
  };
  afterEach(() => {
    for (const m of mocks.splice(0)) {
      m.ecr.restore();
      m.sts.restore();
    }
  });

  it("gives the token the fields of the recorded GetAuthorizationToken answer, expiresAt included", async () => {
    const out = await mockAws().ecrClient.send(new GetAuthorizationTokenCommand({}));
    expect(Object.keys(out.authorizationData![0]!).sort()).toEqual(Object.keys(RECORDED_AUTHORIZATION_DATA).sort());
  });

  it("gives an image detail the fields of the recorded DescribeImages answer", async () => {
    const out = await mockAws({ "h-": `sha256:${"a".repeat(64)}` }).ecrClient.send(new DescribeImagesCommand({ repositoryName: "shop-dev/web", imageIds: [{ imageTag: "h-1" }] }));
    expect(Object.keys(out.imageDetails![0]!).sort()).toEqual(Object.keys(RECORDED_IMAGE_DETAIL).sort());
  });

  it("refuses a missing tag with ImageNotFoundException, HTTP 400 and ECR's wording", async () => {
    const error = await ecrError(mockAws().ecrClient.send(new DescribeImagesCommand({ repositoryName: "shop-dev/web", imageIds: [{ imageTag: "h-1" }] })));
    expect(error).toEqual({ name: "ImageNotFoundException", status: 400, message: expect.stringMatching(shapeOf(RECORDED_IMAGE_NOT_FOUND)) });
  });

  it("refuses DescribeImages in a missing repository with RepositoryNotFoundException, not ImageNotFoundException", async () => {
    const error = await ecrError(mockAws().ecrClient.send(new DescribeImagesCommand({ repositoryName: "other/web", imageIds: [{ imageTag: "h-1" }] })));
    expect([error.name, error.status]).toEqual(["RepositoryNotFoundException", 400]);
  });

  it("refuses DescribeRepositories for another repository with RepositoryNotFoundException", async () => {
    const error = await ecrError(mockAws().ecrClient.send(new DescribeRepositoriesCommand({ repositoryNames: ["other/web"] })));
    expect(error.name).toBe("RepositoryNotFoundException");
  });

  it("refuses a command berth does not send instead of answering undefined", async () => {
    const error = await ecrError(mockAws().ecrClient.send(new ListImagesCommand({ repositoryName: "shop-dev/web" })));
    expect(error.message).toBe("mockAws: an ECR command berth does not send");
  });
});

describe("the fake ECR endpoint (startFakeEcr) answers like ECR", () => {
  // The registry behind it is not reached by these calls: a stand-in that knows no image.
  const registry = { host: "127.0.0.1:1", password: "pw", digestOf: async () => undefined, tags: async () => [] } as unknown as LocalRegistry;
  let fake: FakeEcr;
  let client: ECRClient;
  beforeAll(async () => {
    fake = await startFakeEcr(registry, ["shop-dev/web"]);
    client = new ECRClient({ region: "eu-west-1", endpoint: fake.endpoint, credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await fake.stop();
  });

  it("refuses a missing tag with ImageNotFoundException, HTTP 400 and ECR's wording", async () => {
    const error = await ecrError(client.send(new DescribeImagesCommand({ repositoryName: "shop-dev/web", imageIds: [{ imageTag: "latest" }] })));
    expect(error).toEqual({ name: "ImageNotFoundException", status: 400, message: expect.stringMatching(shapeOf(RECORDED_IMAGE_NOT_FOUND)) });
  });

  it("refuses DescribeImages in a missing repository with RepositoryNotFoundException", async () => {
    const error = await ecrError(client.send(new DescribeImagesCommand({ repositoryName: "other/web", imageIds: [{ imageTag: "latest" }] })));
    expect([error.name, error.status]).toEqual(["RepositoryNotFoundException", 400]);
  });

  it("gives the token the fields of the recorded GetAuthorizationToken answer", async () => {
    const out = await client.send(new GetAuthorizationTokenCommand({}));
    expect(Object.keys(out.authorizationData![0]!).sort()).toEqual(Object.keys(RECORDED_AUTHORIZATION_DATA).sort());
  });

  it("refuses an unsigned request with 403 MissingAuthenticationTokenException", async () => {
    const res = await fetch(fake.endpoint, { method: "POST", headers: { "x-amz-target": "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories" }, body: "{}" });
    expect([res.status, ((await res.json()) as { __type: string }).__type]).toEqual([403, "MissingAuthenticationTokenException"]);
  });

  it("refuses a body it cannot read with 400 SerializationException instead of leaving the request unanswered", async () => {
    const res = await fetch(fake.endpoint, {
      method: "POST",
      headers: { "x-amz-target": "AmazonEC2ContainerRegistry_V20150921.DescribeImages", authorization: "AWS4-HMAC-SHA256 Credential=x" },
      body: "{not json",
    });
    expect([res.status, ((await res.json()) as { __type: string }).__type]).toEqual([400, "SerializationException"]);
  });

  it("refuses an ECR operation it does not fake (ListImages) with UnknownOperationException", async () => {
    const error = await ecrError(client.send(new ListImagesCommand({ repositoryName: "shop-dev/web" })));
    expect([error.name, error.status]).toEqual(["UnknownOperationException", 400]);
  });
});

describe("the fake docker runner answers like docker", () => {
  it("ends a push with the recorded last line's shape: <tag>: digest: sha256:<64 hex> size: <bytes>", async () => {
    const run = fakeRunner();
    await run(["docker", "build", "--tag", "registry.example/shop-dev/web:h-1", "/app"]);
    const out = await run(["docker", "push", "registry.example/shop-dev/web:h-1"]);
    expect(out.stdout.trim().split("\n").at(-1)).toMatch(shapeOf(RECORDED_PUSH_LAST_LINE));
  });

  it("fails a push of an image it does not hold with docker's exit 1 and message", async () => {
    const out = await fakeRunner()(["docker", "push", "registry.example/shop-dev/web:h-1"]);
    expect([out.code, out.stderr]).toEqual([1, "An image does not exist locally with the tag: registry.example/shop-dev/web\n"]);
  });

  it("refuses a docker login without a password on stdin, as docker does off a terminal", async () => {
    const out = await fakeRunner()(["docker", "login", "--username", "AWS", "--password-stdin", "registry.example"]);
    expect([out.code, out.stderr]).toEqual([1, "Error: Cannot perform an interactive login from a non TTY device\n"]);
  });

  it("refuses a docker subcommand berth does not run (manifest inspect)", async () => {
    await expect(fakeRunner()(["docker", "manifest", "inspect", "x"])).rejects.toThrow(/^fake runner: /);
  });
});
