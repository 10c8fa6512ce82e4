import { existsSync, readFileSync } from "node:fs";
import { Interrupted } from "../../../scripts/interrupt";
import { interruptedPublish } from "../../../scripts/images/interrupted";
import { manifestPath } from "../../../scripts/images/manifest";
import { imageOutcome, publish } from "../../../scripts/images/publish";
import { recordingProgress } from "./support/fixtures";
import { DIGEST, SHA, fakeRunner } from "./support/fake-runner";
import { REPOSITORY_URI, configWithApp, mockAws } from "./support/unit";

const GIT_TAG = `git-${SHA.slice(0, 12)}`;

/**
 * Publishes with a runner that is "stopped by SIGTERM" when it reaches the docker subcommand
 * `at` (the nth call of it): like runCommand, the run rejects with the abort's reason.
 */
async function publishStoppedAt(at: { subcommand: string; nth?: number } | "before") {
  const config = configWithApp();
  const aws = mockAws();
  const controller = new AbortController();
  if (at === "before") controller.abort(new Interrupted("SIGTERM"));
  let seen = 0;
  const run = fakeRunner((argv) => {
    if (at === "before" || argv[1] !== at.subcommand || ++seen !== (at.nth ?? 1)) return undefined;
    controller.abort(new Interrupted("SIGTERM"));
    return controller.signal.reason as Interrupted;
  });
  const deps = { ecr: aws.ecrClient, sts: aws.stsClient, run, progress: recordingProgress(), env: {}, sleep: async () => undefined, signal: controller.signal };
  const error = await publish(config, deps).then(
    () => undefined,
    (e: unknown) => e,
  );
  const manifest = manifestPath(config);
  return { error: error as Interrupted, manifest: existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")) : undefined, run };
}

describe("publish stopped by a signal", () => {
  it("fails with an Interrupted for the signal received, so that berth exits 143 for SIGTERM", async () => {
    const { error } = await publishStoppedAt({ subcommand: "push" });
    expect([error instanceof Interrupted, error.signal]).toEqual([true, "SIGTERM"]);
  });

  it("during the push says the push was stopped and nothing was recorded, and writes no manifest", async () => {
    const { error, manifest } = await publishStoppedAt({ subcommand: "push" });
    const [, tag] = /:(h-[0-9a-f]{24})/.exec(error.message)!;
    expect([error.message.split("\n"), manifest]).toEqual([
      [
        "berth publish stopped by SIGTERM; docker was stopped.",
        `web: its push of ${REPOSITORY_URI}:${tag} was stopped and nothing was recorded. ECR may hold some of its layers, and holds the tag only if the push had finished before the stop.`,
        "Run berth publish again: it records an image ECR already holds under its content tag and builds and pushes the rest.",
      ],
      undefined,
    ]);
  });

  it("during the build says nothing was pushed", async () => {
    const { error } = await publishStoppedAt({ subcommand: "build" });
    expect(error.message.split("\n")[1]).toMatch(new RegExp(`^web: its build of ${REPOSITORY_URI.replace(/\./g, "\\.")}:h-[0-9a-f]{24} was stopped; nothing was pushed for it\\.$`));
  });

  it("during the commit tag's push records the image under its content tag and says the commit tag was not pushed", async () => {
    const { error, manifest } = await publishStoppedAt({ subcommand: "push", nth: 2 });
    const entry = manifest.images["shop-dev/web"];
    expect([error.message.split("\n")[1], entry.digest, entry.tags]).toEqual([
      `web: published under its content tag and recorded; its commit tag (${REPOSITORY_URI}:${GIT_TAG}) was not pushed.`,
      DIGEST,
      [expect.stringMatching(/^h-[0-9a-f]{24}$/)],
    ]);
  });

  it("when already stopped before an image runs no command and says nothing was built or pushed for it", async () => {
    const { error, run } = await publishStoppedAt("before");
    expect([error.message.split("\n")[1], run.calls]).toEqual(["web: stopped before its build; nothing was built or pushed for it.", []]);
  });
});

describe("interruptedPublish", () => {
  const published = (image: string, status: "pushed" | "reused") =>
    imageOutcome({
      image,
      repository: `shop-dev/${image}`,
      status,
      notes: [],
      published: { image, region: "eu-west-1", repositoryUri: `${REPOSITORY_URI}`, digest: DIGEST, platform: "linux/amd64", tags: ["h-1"], contentHash: "1", pushedAt: "2026-11-28T00:00:00.000Z" },
    });

  it("lists the images recorded before the stop with their digests, and those not started", () => {
    const error = interruptedPublish(new Interrupted("SIGINT"), {
      manifest: "/app/.berth/images.json",
      done: [published("api", "pushed"), published("web", "reused")],
      current: { image: "worker", doing: "lookup" },
      notStarted: ["cron", "db"],
    });
    expect(error.message.split("\n")).toEqual([
      "berth publish stopped by SIGINT; docker was stopped.",
      `Published and recorded in /app/.berth/images.json: api (pushed ${DIGEST}), web (reused ${DIGEST}).`,
      "worker: stopped before its build; nothing was built or pushed for it.",
      "Not started: cron, db.",
      "Run berth publish again: it records an image ECR already holds under its content tag and builds and pushes the rest.",
    ]);
  });

  it("keeps the signal, so that berth exits 130 for SIGINT", () => {
    const error = interruptedPublish(new Interrupted("SIGINT"), { manifest: "m", done: [], current: { image: "web", doing: "lookup" }, notStarted: [] });
    // 128 + 2 for SIGINT (Bash manual, "Exit Status"; signal(7)).
    expect([error.signal, error.exitCode]).toEqual(["SIGINT", 130]);
  });
});
