import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { classifyDockerFailure } from "../../../scripts/images/docker-errors";
import { manifestPath, readManifest } from "../../../scripts/images/manifest";
import { publish } from "../../../scripts/images/publish";
import { loadConfig } from "../../../scripts/synth/load-config";
import { tempDir } from "../run";
import { dockerSubcommands, realDeps, runBerth, startRegistryApp, stopRegistryApp, tagsOf } from "./support/fixtures";
import { describeWithDocker, type FakeEcr, type LocalRegistry } from "./support/local-ecr";

// docker login writes credentials: keep them out of the user's ~/.docker.
process.env.DOCKER_CONFIG = tempDir();
const RETRY = { attempts: 3, baseDelayMs: 10 };

describeWithDocker("berth publish with a real Docker engine and registry", () => {
  const app = `pub${randomBytes(4).toString("hex")}`;
  const repository = `${app}-dev/web`;
  let registry: LocalRegistry;
  let ecr: FakeEcr;
  let dir: string;
  let spec: string;

  beforeAll(async () => {
    ({ registry, ecr, dir, spec } = await startRegistryApp(app));
  });

  afterAll(() => stopRegistryApp(app, { registry, ecr }));

  const run = () => {
    const deps = realDeps();
    return { deps, result: publish(loadConfig(spec), deps, { retry: RETRY }) };
  };
  const manifest = () => readManifest(manifestPath({ baseDir: dir }));
  const commit = () => spawnSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).stdout.trim().slice(0, 12);

  it("builds and pushes on the first publish: the registry's digest of the content tag is the manifest's digest", async () => {
    const { result } = run();
    const [image] = (await result).images;
    const entry = manifest().images[repository]!;
    expect([image!.status, await registry.digestOf(repository, tagsOf(image!)[0]!)]).toEqual(["pushed", entry.digest]);
  });

  it("tags the first image with its content hash and its commit, in the registry as in the manifest", async () => {
    expect((await registry.tags(repository)).sort()).toEqual([...manifest().images[repository]!.tags].sort());
  });

  it("names the commit in the git tag of a clean tree", () => {
    expect(manifest().images[repository]!.tags).toEqual([expect.stringMatching(/^h-[0-9a-f]{24}$/), `git-${commit()}`]);
  });

  // The registry is behind the immutable-tags guard (support/local-ecr.ts), as ECR's IMMUTABLE repositories are.
  it("has a second docker push of the content tag refused, and berth classes docker's output as tag-immutable", async () => {
    const tag = manifest().images[repository]!.tags[0]!;
    // Not spawnSync: the guard answers from this process's event loop.
    const push = await realDeps().run(["docker", "push", `${registry.host}/${repository}:${tag}`]);
    expect([push.code, classifyDockerFailure(`${push.stdout}${push.stderr}`, push.code).kind, registry.refusedOverwrites]).toEqual([
      1,
      "tag-immutable",
      [`PUT /v2/${repository}/manifests/${tag} HTTP/1.1`],
    ]);
  });

  it("builds nothing, pushes nothing and rewrites no manifest on a second publish with no change", async () => {
    const before = statSync(manifestPath({ baseDir: dir })).mtimeMs;
    const { deps, result } = run();
    const [image] = (await result).images;
    expect([image!.status, dockerSubcommands(deps.run.calls), statSync(manifestPath({ baseDir: dir })).mtimeMs]).toEqual(["reused", [], before]);
  });

  it("reuses the image when only a .dockerignore'd file changed", async () => {
    writeFileSync(join(dir, "app", "notes.txt"), "edited, still ignored\n");
    const { deps, result } = run();
    expect([(await result).images[0]!.status, dockerSubcommands(deps.run.calls)]).toEqual(["reused", []]);
  });

  it("builds and pushes a new content tag, with a dirty git tag, when a source file changed", async () => {
    const previous = manifest().images[repository]!;
    writeFileSync(join(dir, "app", "index.html"), `<p>${app} changed</p>\n`);
    const { deps, result } = run();
    const [image] = (await result).images;
    const entry = manifest().images[repository]!;
    expect({
      status: image!.status,
      newHash: entry.contentHash !== previous.contentHash,
      tags: entry.tags,
      docker: dockerSubcommands(deps.run.calls),
      registryDigest: await registry.digestOf(repository, entry.tags[0]!),
    }).toEqual({
      status: "pushed",
      newHash: true,
      // docs/images.md: the content tag, then the commit's tag marked dirty with 8 hex digits of the content hash.
      tags: [expect.stringMatching(/^h-[0-9a-f]{24}$/), expect.stringMatching(new RegExp(`^git-${commit()}-dirty-[0-9a-f]{8}$`))],
      docker: ["version", "buildx", "login", "build", "image", "tag", "push", "push"],
      registryDigest: entry.digest,
    });
  });

  it("reports the image as reused through the CLI with --json (endpoint override from AWS_ENDPOINT_URL_ECR)", async () => {
    const run = await runBerth(["publish", "--config", spec, "--json"]);
    const json = JSON.parse(run.stdout) as { ok: boolean; images: { status: string; digest: string }[] };
    expect([run.status, json.ok, json.images[0]!.status, json.images[0]!.digest]).toEqual([0, true, "reused", manifest().images[repository]!.digest]);
  });

  it("pins the published digest in the synthesized task definition", async () => {
    const out = join(tempDir(), "out");
    const run = await runBerth(["synth", "--config", spec, "--out", out]);
    const reference = `${registry.host}/${repository}@${manifest().images[repository]!.digest}`;
    const stack = readFileSync(join(out, "stacks", `${app}-dev-fargate`, "cdk.tf.json"), "utf8");
    expect([run.stdout.includes(`image web: pinned ${reference}`), stack.includes(reference)]).toEqual([true, true]);
  });

  it("prints every deploy step with the image's tags and that it would be skipped, through the CLI with --dry-run", async () => {
    const run = await runBerth(["deploy", "--config", spec, "--dry-run"]);
    const entry = manifest().images[repository]!;
    expect([run.status, run.stdout.split("\n")[3]]).toEqual([0, `  3. publish web: would skip: ${entry.tags[0]} is already in ECR as ${entry.repositoryUri}@${entry.digest}`]);
  });
});
