import { GetAuthorizationTokenCommand, DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { awsError } from "../../scripts/aws/errors";
import { Docker } from "../../scripts/images/docker";
import { classifyDockerFailure } from "../../scripts/images/docker-errors";
import { Ecr } from "../../scripts/images/ecr";
import { readManifest } from "../../scripts/images/manifest";
import { definitionsOf, type DeployTools } from "../../stacks/targets";
import { errorOf } from "../helpers";
import { fakeRunner } from "./images/support/fake-runner";
import { rejectionOf } from "./images/support/fixtures";
import { mockAws } from "./images/support/unit";
import { runNode, tempDir } from "./run";

/**
 * The wording of the command line's errors, pinned in full: what failed, the value got, and what to
 * do. Each test gives one minimal bad input.
 */

const REFERENCE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web:h-0123456789abcdef01234567";
const PROGRESS = "The push refers to repository [123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web]\n5f70bf18a086: Preparing\n5f70bf18a086: Layer already exists\n";

describe("berth deploy, after applying the fargate stack", () => {
  // As scripts/deploy/deploy.ts calls it: the stack's outputs (or {}) and the stack's name.
  const tools: DeployTools = {
    waitTimeoutSeconds: 600,
    waitForEcsService: async () => {
      throw new Error("waitForEcsService must not be called without cluster_name and service_name");
    },
  };

  it("refuses outputs without cluster_name and service_name, showing the outputs got and the cdktf output command", async () => {
    const fargate = definitionsOf(["fargate"])[0]!;
    expect(await rejectionOf(fargate.afterApply!.run({ service_url: "https://shop.example.com" }, "shop-dev-fargate", tools))).toBe(
      'The outputs of shop-dev-fargate lack cluster_name or service_name (got {"service_url":"https://shop.example.com"}), so berth cannot wait for the service. Run npx cdktf output shop-dev-fargate to check.',
    );
  });
});

describe("awsError", () => {
  it('turns any other AWS answer into "AWS answered <call> with <name>: <message>" and advice to run again', () => {
    const error = Object.assign(new Error("An internal error occurred"), { name: "ServerException", $metadata: { httpStatusCode: 500 } });
    const call = { service: "ECR", operation: "DescribeImages", subject: "shop-dev/web:h-1", region: "eu-west-1" } as const;
    expect((awsError(error, call) as Error).message).toBe(
      "AWS answered ECR DescribeImages (shop-dev/web:h-1) in eu-west-1 with ServerException: An internal error occurred\n" +
        "Run again; if it persists, check the AWS Health Dashboard and your account's quotas.",
    );
  });
});

describe("Docker", () => {
  it("reports a failed docker tag with its command, exit code and stderr", async () => {
    const run = fakeRunner((argv) => (argv[1] === "tag" ? { code: 1, stderr: `Error response from daemon: No such image: ${REFERENCE}\n` } : undefined));
    expect(await rejectionOf(new Docker(run, {}).tag(REFERENCE, "shop-dev/web:latest"))).toBe(
      "docker tag 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web:h-0123456789abcdef01234567 … exited 1:\n" +
        "Error response from daemon: No such image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web:h-0123456789abcdef01234567",
    );
  });

  it("returns no digest for a docker push that exited 0 without a digest line (publish then asks ECR)", async () => {
    const run = fakeRunner((argv) => (argv[1] === "push" ? { code: 0, stdout: `${PROGRESS}5f70bf18a086: Pushed\n` } : undefined));
    expect(await new Docker(run, {}).push(REFERENCE, () => undefined)).toBeUndefined();
  });
});

// The samples are real docker output (test/scripts/images/docker-errors.test.ts says where each was seen).
describe("classifyDockerFailure advice", () => {
  it("for a login the registry did not accept (auth)", () => {
    expect(classifyDockerFailure("no basic auth credentials\nThe push refers to repository [127.0.0.1:37735/exp/a]\n93dfe9e99fbf: Preparing", 1).advice).toBe(
      "The registry did not accept the login: check that your AWS credentials are for the account and region of the repository, then run again (berth logs in afresh each run).",
    );
  });

  it("for access the registry refused (denied)", () => {
    expect(classifyDockerFailure(`${PROGRESS}denied: requested access to the resource is denied`, 1).advice).toBe(
      "The registry refused access: your AWS credentials need ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository.",
    );
  });

  it("for a tag that exists in an immutable repository (tag-immutable)", () => {
    const output = `${PROGRESS}tag invalid: The image tag 'h-0123' already exists in the 'shop-dev/web' repository and cannot be overwritten because the tag is immutable.`;
    expect(classifyDockerFailure(output, 1).advice).toBe(
      "The tag already names another image and the repository's tags are immutable: change the image's inputs, or delete that tag in ECR, then run again.",
    );
  });

  it("for a full disk (disk)", () => {
    expect(classifyDockerFailure("mkdir /var/lib/docker/graph/_tmp/2ed673c39822: no space left on device", 1).advice).toBe("The disk docker writes to is full: free space (docker system prune) and run again.");
  });

  it("for a manifest the registry rejected (manifest-invalid)", () => {
    expect(classifyDockerFailure(`${PROGRESS}manifest invalid: manifest invalid`, 1).advice).toBe(
      "The registry rejected the image manifest: check that the registry accepts this image format (docker version, buildx --provenance), then run again.",
    );
  });

  it("for output it does not recognise (unknown)", () => {
    expect(classifyDockerFailure("something docker never said before", 1).advice).toBe("Check docker's output above, then run again.");
  });
});

describe("Ecr", () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => {
    aws.ecr.restore();
    aws.sts.restore();
  });

  it("refuses a repositoryUri without a registry host, naming the URI got and the endpoint override", async () => {
    aws.ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: "shop-dev/web", repositoryUri: "/shop-dev/web" }] });
    expect(await rejectionOf(new Ecr(aws.ecrClient, aws.stsClient, "eu-west-1").repository("shop-dev/web"))).toBe(
      'ECR answered DescribeRepositories for shop-dev/web with repositoryUri "/shop-dev/web", expected <registry>/shop-dev/web; check the ECR endpoint (AWS_ENDPOINT_URL_ECR).',
    );
  });

  it("refuses a repositoryUri that is the repository name alone (no registry before it)", async () => {
    aws.ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: "shop-dev/web", repositoryUri: "shop-dev/web" }] });
    expect(await rejectionOf(new Ecr(aws.ecrClient, aws.stsClient, "eu-west-1").repository("shop-dev/web"))).toBe(
      'ECR answered DescribeRepositories for shop-dev/web with repositoryUri "shop-dev/web", expected <registry>/shop-dev/web; check the ECR endpoint (AWS_ENDPOINT_URL_ECR).',
    );
  });

  it("refuses an authorization token that decodes without a colon, naming the expected form and the endpoint override", async () => {
    aws.ecr.on(GetAuthorizationTokenCommand).resolves({ authorizationData: [{ authorizationToken: Buffer.from("AWS-without-password").toString("base64") }] });
    expect(await rejectionOf(new Ecr(aws.ecrClient, aws.stsClient, "eu-west-1").login())).toBe(
      "ECR answered GetAuthorizationToken without a usable token (expected base64 of user:password); check the ECR endpoint (AWS_ENDPOINT_URL_ECR).",
    );
  });
});

describe("readManifest", () => {
  it('refuses an entry whose contentHash is "abc", naming the field, the rule and what to do', () => {
    const path = join(tempDir(), ".berth", "images.json");
    mkdirSync(dirname(path));
    const entry = {
      image: "web",
      region: "eu-west-1",
      repositoryUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web",
      digest: `sha256:${"c".repeat(64)}`,
      platform: "linux/amd64",
      tags: ["h-0123456789abcdef01234567"],
      contentHash: "abc",
      pushedAt: "2026-11-27T12:00:00.000Z",
    };
    writeFileSync(path, JSON.stringify({ version: 1, images: { "shop-dev/web": entry } }));
    // The manifest's path is a fresh temporary folder: it stands as <path> in the message pinned.
    expect(errorOf(() => readManifest(path)).replace(path, "<path>")).toBe(
      "The image manifest <path> is invalid: images.shop-dev/web.contentHash: must be 64 lower-case hex digits (a sha256).\nDelete it and run berth publish to write it again.",
    );
  });
});

describe("scripts/bin/run-ts.mjs", () => {
  it("without an entry exits 2 with its usage line on stderr", () => {
    const run = runNode("scripts/bin/run-ts.mjs", []);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: "usage: node scripts/bin/run-ts.mjs <entry.ts> [args...]\n" });
  });
});
