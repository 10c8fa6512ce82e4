import { DescribeImagesCommand, DescribeRepositoriesCommand, GetAuthorizationTokenCommand, ImageNotFoundException } from "@aws-sdk/client-ecr";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedConfig } from "../../../stacks/spec/resolve";
import { manifestPath, readManifest, recordPublishedImage } from "../../../scripts/images/manifest";
import { publish, type PublishOptions } from "../../../scripts/images/publish";
import { digestOf, recordingProgress, rejectionOf, tagsOf } from "./support/fixtures";
import { DIGEST, SHA, callsOf, fakeRunner, type Handler } from "./support/fake-runner";
import { APP_HASH, APP_TAG, PASSWORD, REGISTRY, REPOSITORY_URI, configWithApp, mockAws, withoutRepository } from "./support/unit";

const OTHER_DIGEST = `sha256:${"b".repeat(64)}`;

function setup(options: { images?: Record<string, string>; handler?: Handler; config?: ResolvedConfig } = {}) {
  const config = options.config ?? configWithApp();
  const aws = mockAws(options.images);
  const run = fakeRunner(options.handler);
  const sleeps: number[] = [];
  const deps = {
    ecr: aws.ecrClient,
    sts: aws.stsClient,
    run,
    progress: recordingProgress(),
    env: {},
    sleep: async (ms: number) => void sleeps.push(ms),
    now: () => new Date("2026-11-27T12:00:00Z"),
  };
  return { config, aws, run, sleeps, deps, publish: (o: PublishOptions = {}) => publish(config, deps, o) };
}

const pushFails = (output: string, times = Infinity): Handler => {
  let failures = 0;
  return (argv) => (argv[1] === "push" && failures++ < times ? { code: 1, stderr: output } : undefined);
};

/** docker push answering `reply`, after which ECR holds `digest` under the content tag. */
const pushLandsInEcr = (images: Record<string, string>, digest: string, reply: ReturnType<Handler>): Handler => (argv) => {
  if (argv[1] !== "push") return undefined;
  images["h-"] = digest;
  return reply;
};

/** docker push exiting 0 without a digest line. */
const pushWithoutDigest: Handler = (argv) => (argv[1] === "push" ? { stdout: "The push refers to repository [x]\n" } : undefined);

const buildxPresent: Handler = (argv) => (argv[1] === "buildx" && argv[2] === "version" ? { stdout: "github.com/docker/buildx v0.17.1" } : undefined);

/** A manifest entry for an image published earlier to the same repository: the next build's cache source. */
const previousEntry = () => ({
  image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: OTHER_DIGEST, platform: "linux/amd64" as const,
  tags: ["h-000000000000000000000000"], contentHash: "0".repeat(64), pushedAt: "2026-01-01T00:00:00.000Z",
});

describe("publish", () => {
  it("runs docker version, buildx version, login, build, inspect, tag and push in this exact order when the content tag is not in ECR", async () => {
    const s = setup();
    await s.publish();
    const ref = `${REPOSITORY_URI}:${APP_TAG}`;
    const gitRef = `${REPOSITORY_URI}:git-${SHA.slice(0, 12)}`;
    const app = join(s.config.baseDir, "app");
    expect(callsOf(s.run)).toEqual([
      ["version", "--format", "{{.Server.Version}} {{.Server.Os}}/{{.Server.Arch}}"],
      ["buildx", "version"],
      ["login", "--username", "AWS", "--password-stdin", REGISTRY],
      ["build", "--platform", "linux/amd64", "--file", join(app, "Dockerfile"), "--tag", ref, app],
      ["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", ref],
      ["tag", ref, gitRef],
      ["push", ref],
      ["push", gitRef],
    ]);
  });

  it("gives docker login the ECR token's password on stdin, never in argv", async () => {
    const s = setup();
    await s.publish();
    const login = s.run.calls.findIndex((argv) => argv[1] === "login");
    expect([s.run.inputs[login], s.run.calls.flat().includes(PASSWORD)]).toEqual([PASSWORD, false]);
  });

  it("builds with docker buildx build --load, one image manifest, when buildx is there", async () => {
    const s = setup({ handler: (argv) => (argv[1] === "buildx" && argv[2] === "version" ? { stdout: "github.com/docker/buildx v0.17.1" } : undefined) });
    await s.publish();
    const app = join(s.config.baseDir, "app");
    expect(callsOf(s.run).find((argv) => argv[1] === "build")).toEqual([
      "buildx", "build", "--platform", "linux/amd64", "--load", "--provenance=false", "--file", join(app, "Dockerfile"), "--tag", `${REPOSITORY_URI}:${APP_TAG}`, app,
    ]);
  });

  it("passes build args (sorted), the target stage, and the previously published image as cache source", async () => {
    const config = configWithApp({ image: { context: "./app", buildArgs: { Z_LAST: "z", A_FIRST: "a=1" }, target: "runtime" } });
    recordPublishedImage(manifestPath(config), "shop-dev/web", {
      image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: OTHER_DIGEST, platform: "linux/amd64",
      tags: ["h-000000000000000000000000"], contentHash: "0".repeat(64), pushedAt: "2026-01-01T00:00:00.000Z",
    });
    const s = setup({ config });
    await s.publish();
    expect(callsOf(s.run).find((argv) => argv[0] === "build")!.slice(7, -1)).toEqual([
      "--build-arg", "A_FIRST=a=1", "--build-arg", "Z_LAST=z", "--target", "runtime", "--cache-from", `${REPOSITORY_URI}:h-000000000000000000000000`,
    ]);
  });

  it("reads the cache from the registry and writes it inline with buildx", async () => {
    const config = configWithApp();
    recordPublishedImage(manifestPath(config), "shop-dev/web", {
      image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: OTHER_DIGEST, platform: "linux/amd64",
      tags: ["h-000000000000000000000000"], contentHash: "0".repeat(64), pushedAt: "2026-01-01T00:00:00.000Z",
    });
    const s = setup({ config, handler: (argv) => (argv[1] === "buildx" && argv[2] === "version" ? {} : undefined) });
    await s.publish();
    expect(callsOf(s.run).find((argv) => argv[1] === "build")!.slice(10, -1)).toEqual([
      "--cache-from", `type=registry,ref=${REPOSITORY_URI}:h-000000000000000000000000`, "--cache-to", "type=inline",
    ]);
  });

  it("passes --no-cache and no cache source to docker build when asked, even with a previously published image", async () => {
    const config = configWithApp();
    recordPublishedImage(manifestPath(config), "shop-dev/web", previousEntry());
    const s = setup({ config });
    await s.publish({ noCache: true });
    const app = join(s.config.baseDir, "app");
    expect(callsOf(s.run).find((argv) => argv[0] === "build")).toEqual([
      "build", "--platform", "linux/amd64", "--file", join(app, "Dockerfile"), "--tag", `${REPOSITORY_URI}:${APP_TAG}`, "--no-cache", app,
    ]);
  });

  it("passes --no-cache and neither --cache-from nor --cache-to to docker buildx build when asked, even with a previously published image", async () => {
    const config = configWithApp();
    recordPublishedImage(manifestPath(config), "shop-dev/web", previousEntry());
    const s = setup({ config, handler: buildxPresent });
    await s.publish({ noCache: true });
    expect(callsOf(s.run).find((argv) => argv[1] === "build")!.slice(10, -1)).toEqual(["--no-cache"]);
  });

  it("runs no docker command and asks for no ECR token when ECR already has the content tag", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    const result = await s.publish();
    expect([result.images[0]!.status, callsOf(s.run), s.aws.ecr.commandCalls(GetAuthorizationTokenCommand).length]).toEqual(["reused", [], 0]);
  });

  it("records a reused image's digest in the manifest", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    await s.publish();
    expect(readManifest(manifestPath(s.config)).images["shop-dev/web"]).toEqual({
      image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: DIGEST, platform: "linux/amd64",
      tags: [APP_TAG], contentHash: APP_HASH, pushedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("records a pushed image with its digest, tags, platform and push time", async () => {
    const s = setup();
    await s.publish();
    expect(readManifest(manifestPath(s.config)).images["shop-dev/web"]).toEqual({
      image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: DIGEST, platform: "linux/amd64",
      tags: [APP_TAG, `git-${SHA.slice(0, 12)}`], contentHash: APP_HASH, pushedAt: "2026-11-27T12:00:00.000Z",
    });
  });

  it("tags a dirty work tree git-<sha12>-dirty-<hash8>", async () => {
    const s = setup({ handler: (argv) => (argv[0] === "git" && argv.includes("status") ? { stdout: " M index.html\n" } : undefined) });
    const result = await s.publish();
    expect(tagsOf(result.images[0]!)).toEqual([APP_TAG, `git-${SHA.slice(0, 12)}-dirty-8bdbe9ee`]);
  });

  it("gives only the content tag outside a git work tree", async () => {
    const s = setup({ handler: (argv) => (argv[0] === "git" ? { code: 128, stderr: "fatal: not a git repository" } : undefined) });
    const result = await s.publish();
    expect([tagsOf(result.images[0]!), callsOf(s.run).filter((argv) => argv[0] === "push").length]).toEqual([[APP_TAG], 1]);
  });

  it("neither re-tags nor pushes a git tag that already names another image", async () => {
    const s = setup({ images: { "git-": OTHER_DIGEST } });
    const result = await s.publish();
    expect({
      docker: callsOf(s.run).map((argv) => argv[0]),
      tags: tagsOf(result.images[0]!),
      notes: result.images[0]!.notes,
    }).toEqual({
      docker: ["version", "buildx", "login", "build", "image", "push"],
      tags: [APP_TAG],
      notes: [`git-${SHA.slice(0, 12)} already names another image (ECR tags are immutable); not re-tagged`],
    });
  });

  it("retries a failed push with doubling waits, then records the image", async () => {
    const s = setup({ handler: pushFails("error parsing HTTP 503 response body: received unexpected HTTP status: 503 Service Unavailable", 2) });
    const result = await s.publish();
    expect([callsOf(s.run).filter((argv) => argv[0] === "push").length, s.sleeps, digestOf(result.images[0]!)]).toEqual([4, [2000, 4000], DIGEST]);
  });

  it("fails after the bounded tries with what happened, and writes no manifest", async () => {
    const s = setup({ handler: pushFails("toomanyrequests: Rate exceeded") });
    const message = await rejectionOf(s.publish());
    expect([message, existsSync(manifestPath(s.config))]).toEqual([
      `docker push ${REPOSITORY_URI}:${APP_TAG} failed after 3 tries (exit 1):\ntoomanyrequests: Rate exceeded\n` +
        "The registry is throttling requests (ECR limits the rate of layer uploads per account and region): wait a minute, then run again.\n" +
        "The image was built but not published, and the image manifest is unchanged (the build is cached for the next run).",
      false,
    ]);
  });

  it("does not retry a push the registry refuses", async () => {
    const s = setup({ handler: pushFails("denied: User is not authorized to perform: ecr:InitiateLayerUpload") });
    await rejectionOf(s.publish());
    expect(callsOf(s.run).filter((argv) => argv[0] === "push").length).toBe(1);
  });

  it("retries a push whose output holds a normal \"Layer already exists\" before a connection reset", async () => {
    const s = setup({ handler: pushFails("5f70bf18a086: Layer already exists\nPut https://r.example/v2/web/manifests/h-0: read tcp 10.0.0.2:1->10.0.0.9:443: read: connection reset by peer", 1) });
    await s.publish();
    expect(callsOf(s.run).filter((argv) => argv[0] === "push").length).toBe(3);
  });

  it("says each retry with its try number and the cause line, not docker's countdown", async () => {
    const s = setup({ handler: pushFails("5f70bf18a086: Retrying in 5 seconds\n5f70bf18a086: Retrying in 1 second\ndial tcp 10.0.0.9:443: connect: connection refused", 1) });
    await s.publish();
    expect(s.deps.progress.lines.filter((line) => line.includes("try "))).toEqual([
      `  push ${REPOSITORY_URI}:${APP_TAG} failed (try 1 of 3): dial tcp 10.0.0.9:443: connect: connection refused; retrying in 2 s`,
    ]);
  });

  it("reports the push's failure, not the ECR lookup's, when the registry stays down", async () => {
    let pushed = false;
    const s = setup({ handler: (argv) => (argv[1] === "push" && (pushed = true) ? { code: 1, stderr: "dial tcp 10.0.0.9:443: connect: connection refused" } : undefined) });
    // ECR is down too once the push has failed.
    s.aws.ecr.on(DescribeImagesCommand).callsFake(() => {
      throw pushed ? Object.assign(new Error("connect ECONNREFUSED 10.0.0.9:443"), { name: "Error" }) : new ImageNotFoundException({ message: "not found", $metadata: {} });
    });
    const message = await rejectionOf(s.publish({ retry: { attempts: 2, baseDelayMs: 1 } }));
    expect(message.split("\n").slice(0, 2)).toEqual([`docker push ${REPOSITORY_URI}:${APP_TAG} failed after 2 tries (exit 1):`, "dial tcp 10.0.0.9:443: connect: connection refused"]);
  });

  it("notes a commit tag that could not be pushed for a network failure as such, not as taken", async () => {
    const s = setup({ handler: (argv) => (argv[1] === "push" && argv[2]!.includes(":git-") ? { code: 1, stderr: "5f70bf18a086: Layer already exists\ndial tcp 10.0.0.9:443: connect: connection refused" } : undefined) });
    const [image] = (await s.publish()).images;
    expect(image!.notes).toEqual([`git-${SHA.slice(0, 12)} could not be pushed after 3 tries (dial tcp 10.0.0.9:443: connect: connection refused); the image is published as ${APP_TAG}`]);
  });

  it("uses the digest another run pushed under the same content tag meanwhile", async () => {
    const images: Record<string, string> = {};
    const refused = { code: 1, stderr: "tag invalid: The image tag 'h-0' already exists in the 'shop-dev/web' repository and cannot be overwritten because the tag is immutable." };
    const s = setup({ images, handler: pushLandsInEcr(images, OTHER_DIGEST, refused) });
    const [image] = (await s.publish()).images;
    expect([image!.status, digestOf(image!), callsOf(s.run).filter((argv) => argv[0] === "push").length, image!.notes]).toEqual([
      "reused",
      OTHER_DIGEST,
      1,
      [`${APP_TAG} was pushed by another run meanwhile; using its digest`],
    ]);
  });

  it("records the digest ECR stored when docker push exits 0 without printing one", async () => {
    const images: Record<string, string> = {};
    const s = setup({ images, handler: pushLandsInEcr(images, OTHER_DIGEST, { stdout: "The push refers to repository [x]\n5f70bf18a086: Pushed\n" }) });
    const [image] = (await s.publish()).images;
    expect([image!.status, digestOf(image!)]).toEqual(["pushed", OTHER_DIGEST]);
  });

  it("fails, naming the tag, when docker push exits 0 without a digest and ECR has no such image", async () => {
    const s = setup({ handler: pushWithoutDigest });
    expect((await rejectionOf(s.publish())).split("\n")).toEqual([
      `docker push ${REPOSITORY_URI}:${APP_TAG} exited 0 but printed no digest, and ECR has no image tagged ${APP_TAG} in shop-dev/web: the push did not reach ECR.`,
      'Check that "docker" runs the Docker CLI itself, not a wrapper that filters its output or pushes elsewhere, then run berth publish again. The image manifest is unchanged.',
    ]);
  });

  it("writes no manifest when docker push exits 0 without a digest and ECR has no such image", async () => {
    const s = setup({ handler: pushWithoutDigest });
    await rejectionOf(s.publish());
    expect(existsSync(manifestPath(s.config))).toBe(false);
  });

  it("records the image under its content tag when only the commit tag cannot be pushed", async () => {
    const s = setup({ handler: (argv) => (argv[1] === "push" && argv[2]!.includes(":git-") ? { code: 1, stderr: "toomanyrequests: Rate exceeded" } : undefined) });
    const [image] = (await s.publish()).images;
    expect([image!.status, readManifest(manifestPath(s.config)).images["shop-dev/web"]!.tags, image!.notes]).toEqual([
      "pushed",
      [APP_TAG],
      [`git-${SHA.slice(0, 12)} could not be pushed after 3 tries (toomanyrequests: Rate exceeded); the image is published as ${APP_TAG}`],
    ]);
  });

  it("fails before pushing when the built image is for another platform", async () => {
    const s = setup({ handler: (argv) => (argv[1] === "image" ? { stdout: "linux/arm64\n" } : undefined) });
    const message = await rejectionOf(s.publish());
    expect([message.split("\n")[0], callsOf(s.run).some((argv) => argv[0] === "push")]).toEqual([
      "The image built for web is linux/arm64, but its target is linux/amd64 (image.platform; the Fargate task and the EC2 host run that architecture): it would fail to start on AWS. Nothing was pushed.",
      false,
    ]);
  });

  it("refuses a linux/arm64 image before building when docker has no buildx and its daemon is linux/amd64, saying what to do", async () => {
    const s = setup({ config: configWithApp({ image: { context: "./app", platform: "linux/arm64" } }) });
    const message = await rejectionOf(s.publish());
    expect([message, callsOf(s.run).map((argv) => argv[0]), existsSync(manifestPath(s.config))]).toEqual([
      "Cannot build image web for linux/arm64 (image.platform): the docker daemon here is linux/amd64 and has no buildx, " +
        "and docker's legacy builder builds only for the daemon's own platform. Nothing was built or pushed.\n" +
        "Without buildx, image.platform must be linux/amd64 on this machine. To build linux/arm64, do one of: " +
        "install the docker buildx plugin (https://docs.docker.com/build/install-buildx/) and register QEMU emulation for arm64 (docker run --privileged --rm tonistiigi/binfmt --install arm64); " +
        'or run berth publish on a native linux/arm64 machine or CI runner; or set image.platform to "linux/amd64" if the service can run on that architecture. Then run again.',
      ["version", "buildx"],
      false,
    ]);
  });

  it("builds a linux/arm64 image with the legacy docker build on a linux/arm64 daemon without buildx", async () => {
    const s = setup({
      config: configWithApp({ image: { context: "./app", platform: "linux/arm64" } }),
      handler: (argv) => (argv[1] === "version" ? { stdout: "20.10.24 linux/arm64\n" } : argv[1] === "image" ? { stdout: "linux/arm64\n" } : undefined),
    });
    const result = await s.publish();
    expect([result.images[0]!.status, callsOf(s.run).find((argv) => argv[0] === "build")!.slice(0, 3)]).toEqual(["pushed", ["build", "--platform", "linux/arm64"]]);
  });

  it("builds a linux/arm64 image with docker buildx build --platform linux/arm64 --load on a linux/amd64 daemon with buildx", async () => {
    const s = setup({
      config: configWithApp({ image: { context: "./app", platform: "linux/arm64" } }),
      handler: (argv) => buildxPresent(argv, {}) ?? (argv[1] === "image" ? { stdout: "linux/arm64\n" } : undefined),
    });
    const result = await s.publish();
    expect([result.images[0]!.status, callsOf(s.run).find((argv) => argv[1] === "build")!.slice(0, 6)]).toEqual([
      "pushed",
      ["buildx", "build", "--platform", "linux/arm64", "--load", "--provenance=false"],
    ]);
  });

  it("blames the legacy builder, not the Dockerfile or the cache, when docker does not name its platform and builds linux/amd64 for a linux/arm64 image", async () => {
    const s = setup({
      config: configWithApp({ image: { context: "./app", platform: "linux/arm64" } }),
      handler: (argv) => (argv[1] === "version" ? { stdout: "20.10.24 /\n" } : undefined),
    });
    const message = await rejectionOf(s.publish());
    expect([message, callsOf(s.run).some((argv) => argv[0] === "push")]).toEqual([
      "The image built for web is linux/amd64, but its target is linux/arm64 (image.platform; the Fargate task and the EC2 host run that architecture): it would fail to start on AWS. Nothing was pushed.\n" +
        "docker's legacy builder (no buildx here) builds only for the daemon's platform, linux/amd64.\n" +
        "Without buildx, image.platform must be linux/amd64 on this machine. To build linux/arm64, do one of: " +
        "install the docker buildx plugin (https://docs.docker.com/build/install-buildx/) and register QEMU emulation for arm64 (docker run --privileged --rm tonistiigi/binfmt --install arm64); " +
        'or run berth publish on a native linux/arm64 machine or CI runner; or set image.platform to "linux/amd64" if the service can run on that architecture. Then run again.',
      false,
    ]);
  });

  it("points at FROM --platform pins and base images pulled for another platform, not --no-cache, when the legacy builder builds the wrong platform for the daemon's own", async () => {
    const s = setup({ handler: (argv) => (argv[1] === "image" ? { stdout: "linux/arm64\n" } : undefined) });
    const message = await rejectionOf(s.publish());
    expect(message.split("\n")[1]).toBe(
      `Check FROM lines that pin another --platform in ${join(s.config.baseDir, "app", "Dockerfile")}, and base images pulled earlier for another platform (docker pull --platform linux/amd64 <image> replaces them), then run again.`,
    );
  });

  it("says how the build failed, with the end of its output", async () => {
    const s = setup({ handler: (argv) => (argv[1] === "build" ? { code: 1, stderr: "Step 2/2 : COPY missing.txt /\nCOPY failed: file not found in build context" } : undefined) });
    const message = await rejectionOf(s.publish());
    expect(message).toBe(
      "docker build of web failed (exit 1):\nStep 2/2 : COPY missing.txt /\nCOPY failed: file not found in build context\n" +
        `Fix the Dockerfile (${join(s.config.baseDir, "app", "Dockerfile")}) or the build context and run again; nothing was pushed for web.`,
    );
  });

  it("tells to deploy the registry stack first when the repository does not exist, naming account and region", async () => {
    const s = setup();
    withoutRepository(s.aws.ecr);
    expect(await rejectionOf(s.publish())).toBe(
      'ECR repository "shop-dev/web" (image web) does not exist in account 123456789012, region eu-west-1.\n' +
        "Deploy the registry stack first: berth deploy (applies it before publishing), or npx cdktf deploy shop-dev-registry; then run berth publish again. " +
        "If it does exist, check the AWS account and region of your credentials.",
    );
  });

  it("still explains a missing repository when STS cannot name the account", async () => {
    const s = setup();
    withoutRepository(s.aws.ecr);
    s.aws.sts.on(GetCallerIdentityCommand).rejects(new Error("sts down"));
    expect((await rejectionOf(s.publish())).split("\n")[0]).toBe('ECR repository "shop-dev/web" (image web) does not exist in region eu-west-1.');
  });

  it("says how to provide AWS credentials when there are none", async () => {
    const s = setup();
    s.aws.ecr.on(DescribeRepositoriesCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    expect((await rejectionOf(s.publish())).split("\n")).toEqual([
      "No AWS credentials found for ECR DescribeRepositories (shop-dev/web) in eu-west-1.",
      "berth uses the AWS SDK's standard chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE (for SSO run `aws sso login --profile NAME` first), or web identity in CI (AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE, e.g. GitHub OIDC). Provide one and run again.",
    ]);
  });

  it("in a dry run reports the tags that would be pushed, and runs no docker command", async () => {
    const s = setup();
    const result = await s.publish({ dryRun: true });
    expect([result.images[0]!.status, tagsOf(result.images[0]!), callsOf(s.run), existsSync(manifestPath(s.config))]).toEqual([
      "would-push", [APP_TAG, `git-${SHA.slice(0, 12)}`], [], false,
    ]);
  });

  it("in a dry run reports an image already in ECR as skipped, with its digest", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    const result = await s.publish({ dryRun: true });
    expect([result.images[0]!.status, digestOf(result.images[0]!), existsSync(manifestPath(s.config))]).toEqual(["would-reuse", DIGEST, false]);
  });

  it("checks the build context before touching docker or AWS", async () => {
    const s = setup({ config: configWithApp({ image: { context: "./nope" } }) });
    const message = await rejectionOf(s.publish());
    expect([message, s.run.calls, s.aws.ecr.calls().length]).toEqual([
      `image.context "./nope" is not a directory (resolved to ${join(s.config.baseDir, "nope")} from the spec's folder).\n` +
        "Set image.context to the folder holding your Dockerfile and sources, relative to berth.config.ts, and run again.",
      [],
      0,
    ]);
  });

  it("publishes nothing for an image given by URI", async () => {
    const s = setup({ config: configWithApp({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } }) });
    const result = await s.publish();
    expect([result.images, result.external, s.run.calls]).toEqual([[], [{ name: "web", uri: "public.ecr.aws/nginx/nginx:1.27" }], []]);
  });

  it("keeps the manifest's other entries when recording an image", async () => {
    const config = configWithApp();
    const other = { image: "web", region: "eu-west-1", repositoryUri: `${REGISTRY}/shop-prod/web`, digest: OTHER_DIGEST, platform: "linux/amd64" as const, tags: ["h-1"], contentHash: "1".repeat(64), pushedAt: "2026-01-01T00:00:00.000Z" };
    recordPublishedImage(manifestPath(config), "shop-prod/web", other);
    await setup({ config }).publish();
    expect(Object.keys(JSON.parse(readFileSync(manifestPath(config), "utf8")).images)).toEqual(["shop-prod/web", "shop-dev/web"]);
  });
});
