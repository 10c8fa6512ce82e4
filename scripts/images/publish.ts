import type { ECRClient } from "@aws-sdk/client-ecr";
import type { STSClient } from "@aws-sdk/client-sts";
import { BerthError, isUserError } from "../../stacks/errors";
import type { PublishedImage } from "../../stacks/images";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { stackName } from "../../stacks/naming";
import type { CommandRunner } from "../command-runner";
import type { Progress } from "../cli/progress";
import { Interrupted, withDetail } from "../interrupt";
import { REGISTRY_RETRY, sleep as realSleep, type RetryPolicy } from "../retry";
import { contentHash } from "./content-hash";
import { assertBuildablePlatform, builtPlatformProblem } from "./build-platform";
import { buildSource } from "./build";
import { Docker, DockerCommandError, type Builder } from "./docker";
import { Ecr, type RemoteImage, type Repository } from "./ecr";
import { manifestPath, readManifest, recordPublishedImage, type ImageManifest } from "./manifest";
import { RegistrySession, dockerFailure } from "./registry-session";
import { describeDone, outcomeJson } from "./report";
import { interruptedPublish, type PublishStep } from "./interrupted";
import { imageSources, type ExternalImage, type ImageSource } from "./sources";
import { contentTag, gitState, gitTag } from "./tags";

export interface PublishDeps {
  readonly ecr: ECRClient;
  readonly sts: STSClient;
  /** Runs docker and git. */
  readonly run: CommandRunner;
  readonly progress: Progress;
  /** Where BERTH_DOCKER is read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /**
   * Aborted when berth is asked to stop (stoppable): checked before each image, while `run` and
   * `sleep` stop what is running. Publish then fails with an Interrupted saying what it left.
   */
  readonly signal?: AbortSignal;
}

export interface PublishOptions {
  /** Decide and print, but build, push and write nothing. */
  readonly dryRun?: boolean;
  /** `docker build --no-cache` (then without `--cache-from`). */
  readonly noCache?: boolean;
  /** @default REGISTRY_RETRY */
  readonly retry?: RetryPolicy;
  /** A missing repository means "would be built" instead of an error (deploy --dry-run: its first step creates it). */
  readonly repositoriesMayBeMissing?: boolean;
}

/** reused: already in ECR under its content tag, nothing built or pushed. */
export type ImageStatus = "reused" | "pushed" | "would-reuse" | "would-push";

/** What a dry run would push: no digest yet, and no repositoryUri while the repository does not exist. */
export type PlannedImage = Pick<PublishedImage, "platform" | "contentHash" | "tags"> & Partial<Pick<PublishedImage, "repositoryUri">>;

/** What publish did, or would do, with one image. */
export type ImageOutcomeFields = {
  readonly image: string;
  /** ECR repository name, e.g. "shop-dev/web". */
  readonly repository: string;
  readonly notes: readonly string[];
} & (
  | {
      readonly status: "reused" | "pushed" | "would-reuse";
      /** The image in ECR, as the manifest records it (a dry run's would-reuse is not written). */
      readonly published: PublishedImage;
    }
  | { readonly status: "would-push"; readonly planned: PlannedImage }
);

/**
 * An outcome as publish returns it. JSON.stringify calls toJSON, so `--json` (publish, and deploy,
 * which passes the outcomes on) prints the flat document berth always printed: see outcomeJson.
 */
export type ImageOutcome = ImageOutcomeFields & { toJSON(): Record<string, unknown> };

export function imageOutcome(fields: ImageOutcomeFields): ImageOutcome {
  return { ...fields, toJSON: () => outcomeJson(fields) };
}

export interface PublishResult {
  /** Absolute path of the image manifest. */
  readonly manifest: string;
  readonly images: readonly ImageOutcome[];
  /** Images given by URI: nothing to publish. */
  readonly external: readonly ExternalImage[];
}

/**
 * Publishes every image of the spec that berth builds: skips an image whose content tag is
 * already in ECR, else builds it for its platform, checks the built architecture, pushes it and
 * records its digest in the image manifest (only once every push of that image succeeded).
 */
export async function publish(config: ResolvedConfig, deps: PublishDeps, options: PublishOptions = {}): Promise<PublishResult> {
  const { build, external } = imageSources(config);
  const manifest = manifestPath(config);
  const previous = readManifest(manifest);
  const ecr = new Ecr(deps.ecr, deps.sts, config.region);
  const sleep = deps.sleep ?? realSleep;
  const session = new RegistrySession(new Docker(deps.run, deps.env), ecr, deps.progress, options.retry ?? REGISTRY_RETRY, sleep);
  const context: ImageContext = { config, deps, options, ecr, session, manifest, previous, now: deps.now ?? (() => new Date()), doing: "lookup" };

  const images: ImageOutcome[] = [];
  for (const [index, source] of build.entries()) {
    try {
      deps.signal?.throwIfAborted();
      context.doing = "lookup";
      images.push(await publishImage(source, context));
    } catch (error) {
      if (error instanceof Interrupted) {
        throw interruptedPublish(error, { manifest, done: images, current: { image: source.name, doing: context.doing }, notStarted: build.slice(index + 1).map((s) => s.name) });
      }
      if (!isUserError(error) || images.length === 0) throw error;
      throw withDetail(error, `Already published and recorded in ${manifest}: ${describeDone(images)}.`);
    }
  }
  return { manifest, images, external };
}

interface ImageContext {
  readonly config: ResolvedConfig;
  readonly deps: PublishDeps;
  readonly options: PublishOptions;
  readonly ecr: Ecr;
  readonly session: RegistrySession;
  readonly manifest: string;
  readonly previous: ImageManifest;
  readonly now: () => Date;
  /** What the current image's publish is doing, for the message when berth is stopped. */
  doing: PublishStep;
}

async function publishImage(source: ImageSource, ctx: ImageContext): Promise<ImageOutcome> {
  const { run } = ctx.deps;
  const hash = contentHash(source);
  const hashTag = contentTag(hash);
  // The two ECR lookups run side by side, and git only when a tag list is needed: a publish with
  // nothing to do waits for one round trip and starts no process.
  const commitTagOf = async () => gitTag(await gitState(run, source.contextDir, source.dockerfile), hash);
  const [repository, lookup] = await Promise.all([
    ctx.ecr.repository(source.repositoryName),
    ctx.ecr.imageByTag(source.repositoryName, hashTag).then(
      (image) => ({ image }),
      (error: unknown) => ({ error }),
    ),
  ]);
  const base = { image: source.name, repository: source.repositoryName };
  const planned = async () => ({ platform: source.platform, contentHash: hash, tags: tagList(hashTag, await commitTagOf()) });

  if (!repository) {
    if (ctx.options.repositoriesMayBeMissing) {
      return imageOutcome({ ...base, status: "would-push", planned: await planned(), notes: [`repository ${source.repositoryName} does not exist yet`] });
    }
    throw await missingRepository(source, ctx);
  }
  // The lookup's error counts only once the repository is known to exist (it fails with it otherwise).
  if ("error" in lookup) throw lookup.error;
  const existing = lookup.image;
  if (existing) {
    const published = publishedImage(ctx, source, repository, hash, existing, sortTags(existing.tags));
    if (ctx.options.dryRun) return imageOutcome({ ...base, status: "would-reuse", published, notes: [] });
    record(ctx, source, published);
    return imageOutcome({ ...base, status: "reused", published, notes: [] });
  }
  if (ctx.options.dryRun) {
    return imageOutcome({ ...base, status: "would-push", planned: { ...(await planned()), repositoryUri: repository.uri }, notes: [] });
  }
  return buildAndPush(source, repository, hash, await commitTagOf(), ctx);
}

async function buildAndPush(source: ImageSource, repository: Repository, hash: string, commitTag: string | undefined, ctx: ImageContext): Promise<ImageOutcome> {
  const { progress } = ctx.deps;
  const { session } = ctx;
  const hashTag = contentTag(hash);
  const reference = `${repository.uri}:${hashTag}`;
  const builder = await session.builder();
  const { buildx } = builder;
  assertBuildablePlatform(source, builder);
  await session.login(repository.registry);

  progress.line(`${source.name}: building ${reference} for ${source.platform} (${buildx ? "docker buildx" : "docker build"})`);
  ctx.doing = { step: "build", reference };
  const buildStart = Date.now();
  await buildSource(
    session.docker,
    source,
    { tag: reference, cacheFrom: previousImage(ctx.previous, source, repository), noCache: ctx.options.noCache },
    buildx,
    (line) => progress.status(`${source.name} build`, line),
    `nothing was pushed for ${source.name}`,
  );
  await checkPlatform(session.docker, reference, source, builder);
  progress.line(`${source.name}: built in ${seconds(buildStart)}`);

  // ECR tags are immutable: a commit tag that already names an image is left as it is.
  const taken = commitTag ? await ctx.ecr.imageByTag(repository.name, commitTag) : undefined;
  const commitReference = commitTag && !taken ? `${repository.uri}:${commitTag}` : undefined;
  if (commitReference) await session.docker.tag(reference, commitReference);

  const notes: string[] = [];
  const pushStart = Date.now();
  ctx.doing = { step: "push", reference };
  const push = (ref: string) => session.withRetries(`push ${ref}`, () => session.docker.push(ref, (line) => progress.status(`${source.name} push`, line)));
  let digest: string;
  try {
    digest = (await push(reference)) ?? (await registryDigest(ctx, repository, hashTag, reference));
  } catch (error) {
    // Another run may have pushed the same content meanwhile: ECR refuses to overwrite the tag, and
    // the image it names is built from the same inputs.
    const raced = dockerFailure(error)?.kind === "tag-immutable" ? await racedImage(ctx, repository.name, hashTag) : undefined;
    if (!raced) throw pushFailed(error, reference, session);
    notes.push(`${hashTag} was pushed by another run meanwhile; using its digest`);
    const published = publishedImage(ctx, source, repository, hash, raced, sortTags(raced.tags));
    record(ctx, source, published);
    return imageOutcome({ image: source.name, repository: source.repositoryName, status: "reused", published, notes });
  }

  const tags = [hashTag];
  if (taken) {
    if (taken.digest === digest) tags.push(commitTag!);
    else notes.push(`${commitTag} already names another image (ECR tags are immutable); not re-tagged`);
  } else if (commitReference) {
    ctx.doing = { step: "commit-tag", reference: commitReference };
    try {
      await push(commitReference);
      tags.push(commitTag!);
    } catch (error) {
      if (error instanceof Interrupted) {
        // Stopped after the content tag was pushed: record what ECR holds.
        record(ctx, source, publishedImage(ctx, source, repository, hash, { digest, pushedAt: ctx.now().toISOString() }, tags));
        throw error;
      }
      // The image is published under its content tag already; the commit tag only labels it.
      const failure = dockerFailure(error);
      if (!failure) throw error;
      notes.push(
        failure.kind === "tag-immutable"
          ? `${commitTag} was taken by another image meanwhile (ECR tags are immutable); not re-tagged`
          : `${commitTag} could not be pushed${session.triesNote(error)} (${failure.cause.replace(/\n/g, " / ")}); the image is published as ${hashTag}`,
      );
    }
  }
  const published = publishedImage(ctx, source, repository, hash, { digest, pushedAt: ctx.now().toISOString() }, tags);
  record(ctx, source, published);
  progress.line(`${source.name}: pushed in ${seconds(pushStart)}`);
  return imageOutcome({ image: source.name, repository: source.repositoryName, status: "pushed", published, notes });
}

/** Fails unless the built image is for the target platform (Fargate runtime platform / EC2 instance architecture). */
async function checkPlatform(docker: Docker, reference: string, source: ImageSource, builder: Builder): Promise<void> {
  const problem = builtPlatformProblem(source, await docker.platformOf(reference), builder);
  if (problem) throw new BerthError(problem);
}

/** The image a tag names after ECR refused to overwrite it; undefined when the lookup fails too (the push's error says more). */
async function racedImage(ctx: ImageContext, repository: string, tag: string): Promise<RemoteImage | undefined> {
  try {
    return await ctx.ecr.imageByTag(repository, tag);
  } catch {
    return undefined;
  }
}

/** The digest ECR stored a pushed tag under, for a docker push that exited 0 without printing it. */
async function registryDigest(ctx: ImageContext, repository: Repository, tag: string, reference: string): Promise<string> {
  const image = await ctx.ecr.imageByTag(repository.name, tag);
  if (image) return image.digest;
  throw new BerthError(
    `docker push ${reference} exited 0 but printed no digest, and ECR has no image tagged ${tag} in ${repository.name}: the push did not reach ECR.\n` +
      `Check that "docker" runs the Docker CLI itself, not a wrapper that filters its output or pushes elsewhere, then run berth publish again. The image manifest is unchanged.`,
  );
}

function pushFailed(error: unknown, reference: string, session: RegistrySession): unknown {
  const failure = dockerFailure(error);
  if (!failure) return error;
  return new BerthError(
    `docker push ${reference} failed${session.triesNote(error)} (exit ${(error as DockerCommandError).code}):\n${failure.cause}\n${failure.advice}\n` +
      "The image was built but not published, and the image manifest is unchanged (the build is cached for the next run).",
  );
}

async function missingRepository(source: ImageSource, ctx: ImageContext): Promise<BerthError> {
  const account = await ctx.ecr.account();
  const where = `${account ? `account ${account}, ` : ""}region ${ctx.config.region}`;
  return new BerthError(
    `ECR repository "${source.repositoryName}" (image ${source.name}) does not exist in ${where}.\n` +
      `Deploy the registry stack first: berth deploy (applies it before publishing), or npx cdktf deploy ${stackName(ctx.config, "registry")}; then run berth publish again. ` +
      "If it does exist, check the AWS account and region of your credentials.",
  );
}

/** The manifest's record of an image in ECR, with its tags in the manifest's order. */
function publishedImage(ctx: ImageContext, source: ImageSource, repository: Repository, hash: string, image: Pick<RemoteImage, "digest" | "pushedAt">, tags: readonly string[]): PublishedImage {
  return {
    image: source.name,
    region: ctx.config.region,
    repositoryUri: repository.uri,
    digest: image.digest,
    platform: source.platform,
    tags: [...tags],
    contentHash: hash,
    pushedAt: image.pushedAt,
  };
}

/** Writes the manifest entry unless it already records this image (a no-op publish writes nothing). */
function record(ctx: ImageContext, source: ImageSource, entry: PublishedImage): void {
  const previous = ctx.previous.images[source.repositoryName];
  const same = (Object.keys(entry) as (keyof PublishedImage)[]).every((key) => key === "pushedAt" || key === "tags" || previous?.[key] === entry[key]);
  if (same) return;
  recordPublishedImage(ctx.manifest, source.repositoryName, entry);
}

/** The image this spec published last to the same repository: the build's cache source. */
function previousImage(manifest: ImageManifest, source: ImageSource, repository: Repository): string | undefined {
  const entry = manifest.images[source.repositoryName];
  const tag = entry?.repositoryUri === repository.uri ? entry.tags.find((t) => t.startsWith("h-")) : undefined;
  return tag && `${repository.uri}:${tag}`;
}

function tagList(hashTag: string, commitTag: string | undefined): string[] {
  return commitTag ? [hashTag, commitTag] : [hashTag];
}

/** Content tag first, then the rest alphabetically. */
function sortTags(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => Number(b.startsWith("h-")) - Number(a.startsWith("h-")) || a.localeCompare(b));
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
