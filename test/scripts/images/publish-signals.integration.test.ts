import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestPath } from "../../../scripts/images/manifest";
import { processesMentioning } from "../processes";
import { ROOT, hasStackTrace, tempDir } from "../run";
import { startFaultProxy, type FaultProxy } from "./support/fault-proxy";
import { runBerth, startRegistryApp, stopRegistryApp } from "./support/fixtures";
import { describeWithDocker, type FakeEcr, type LocalRegistry } from "./support/local-ecr";

process.env.DOCKER_CONFIG = tempDir();
jest.setTimeout(150_000);
const UPLOADS = /^POST \/v2\/.+\/blobs\/uploads\//;
// Exit status of a process stopped by signal n is 128 + n (Bash manual, "Exit Status"); SIGINT is 2, SIGTERM 15 (signal(7)).
const EXIT_SIGINT = 130;
const EXIT_SIGTERM = 143;

const until = async (what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 30_000, context = () => "") => {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await ready()) return;
  throw new Error(`timed out waiting for ${what}${context()}`);
};

describeWithDocker("berth publish stopped by a signal mid-push (real Docker engine and registry)", () => {
  const app = `sig${randomBytes(4).toString("hex")}`;
  const repository = `${app}-dev/web`;
  let registry: LocalRegistry;
  let ecr: FakeEcr;
  let dir: string;
  let spec: string;

  beforeAll(async () => {
    ({ registry, ecr, dir, spec } = await startRegistryApp(app));
  });

  afterAll(() => stopRegistryApp(app, { registry, ecr }));

  const change = () => writeFileSync(join(dir, "app", "index.html"), `<p>${randomBytes(8).toString("hex")}</p>\n`);
  const manifest = () => readFileSync(manifestPath({ baseDir: dir }), "utf8");
  const manifestOrNone = () => {
    try {
      return manifest();
    } catch {
      return "none";
    }
  };

  /**
   * Starts `berth publish` (its own process, not a process group of the test's) against a proxy that
   * holds the first blob upload for `stallMs`, and resolves once docker push is waiting on it.
   */
  async function publishStalledMidPush(stallMs: number) {
    change();
    const proxy = await startFaultProxy(registry.host, { fault: { kind: "stall", ms: stallMs }, count: 1, match: UPLOADS });
    ecr.registryHost = proxy.host;
    const berth: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(ROOT, "scripts/bin/berth.mjs"), "publish", "--config", spec], {
      cwd: ROOT,
      // jest's process.env is the test's own copy: spawn would not see the fake ECR's endpoints.
      env: { ...process.env },
    });
    let stderr = "";
    berth.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => berth.on("close", (code) => resolve(code)));
    await until("docker push to reach the stalled upload", () => proxy.faulted.length === 1, 30_000, () => `; berth printed:\n${stderr}`);
    const reference = /building (\S+:h-[0-9a-f]{24}) for/.exec(stderr)![1]!;
    return { berth, exited, proxy, reference, stderr: () => stderr };
  }

  async function cleanUp(proxy: FaultProxy) {
    ecr.registryHost = registry.host;
    await proxy.stop();
  }

  it("on SIGINT stops docker push (no process left), exits 130 saying the push was stopped, records nothing", async () => {
    const before = manifestOrNone();
    const run = await publishStalledMidPush(60_000);
    try {
      run.berth.kill("SIGINT");
      const code = await run.exited;
      const message = run.stderr().slice(run.stderr().indexOf("berth publish stopped by"));
      expect({ code, message, survivors: processesMentioning(run.reference), manifest: manifestOrNone(), stackTrace: hasStackTrace(run.stderr()) }).toEqual({
        code: EXIT_SIGINT,
        message:
          "berth publish stopped by SIGINT; docker was stopped.\n" +
          `web: its push of ${run.reference} was stopped and nothing was recorded. ECR may hold some of its layers, and holds the tag only if the push had finished before the stop.\n` +
          "Run berth publish again: it records an image ECR already holds under its content tag and builds and pushes the rest.\n",
        survivors: [],
        manifest: before,
        stackTrace: false,
      });
    } finally {
      await cleanUp(run.proxy);
    }
  });

  it("on SIGTERM exits 143 and leaves no docker process", async () => {
    const run = await publishStalledMidPush(60_000);
    try {
      run.berth.kill("SIGTERM");
      expect([await run.exited, processesMentioning(run.reference)]).toEqual([EXIT_SIGTERM, []]);
    } finally {
      await cleanUp(run.proxy);
    }
  });

  it("after a stopped push, the docker daemon pushes nothing more: the tag stays absent once the registry answers again", async () => {
    // The stalled upload is released after 3 s; a push the daemon still ran would then retry it (docker retries an upload after 5 s) and finish.
    const run = await publishStalledMidPush(3_000);
    try {
      run.berth.kill("SIGINT");
      await run.exited;
      await new Promise((r) => setTimeout(r, 12_000));
      const [, tag] = run.reference.split(/:(?=h-)/);
      expect(await registry.tags(repository)).not.toContain(tag);
    } finally {
      await cleanUp(run.proxy);
    }
  });

  it("the run after a stopped push publishes the image and records the digest the registry holds", async () => {
    const run = await publishStalledMidPush(60_000);
    run.berth.kill("SIGINT");
    await run.exited;
    await cleanUp(run.proxy);
    const next = await runBerth(["publish", "--config", spec, "--json"]);
    const tag = run.reference.split(/:(?=h-)/)[1]!;
    const result = JSON.parse(next.stdout) as { ok: boolean; images: { status: string; digest: string; tags: string[] }[] };
    expect({ status: next.status, outcome: result.images[0]!.status, recorded: JSON.parse(manifest()).images[repository].digest }).toEqual({
      status: 0,
      outcome: "pushed",
      recorded: await registry.digestOf(repository, tag),
    });
  });

  it("after berth is SIGKILLed mid-push (it cannot stop docker then), the next run records the image the orphaned push left, or pushes it", async () => {
    // The stall ends after 2 s: an orphaned docker push that lives on retries the upload and finishes.
    const run = await publishStalledMidPush(2_000);
    try {
      run.berth.kill("SIGKILL");
      await run.exited;
      await until("the orphaned docker push to end", () => processesMentioning(run.reference).length === 0, 90_000);
      const tag = run.reference.split(/:(?=h-)/)[1]!;
      const orphanFinished = (await registry.tags(repository)).includes(tag);
      const next = await runBerth(["publish", "--config", spec, "--json"]);
      const result = JSON.parse(next.stdout) as { images: { status: string }[] };
      expect({ status: next.status, outcome: result.images[0]!.status, recorded: JSON.parse(manifest()).images[repository].digest }).toEqual({
        status: 0,
        outcome: orphanFinished ? "reused" : "pushed",
        recorded: await registry.digestOf(repository, tag),
      });
    } finally {
      await cleanUp(run.proxy);
    }
  });
});
