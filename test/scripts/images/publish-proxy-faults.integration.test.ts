import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestPath } from "../../../scripts/images/manifest";
import { publish } from "../../../scripts/images/publish";
import { loadConfig } from "../../../scripts/synth/load-config";
import { tempDir } from "../run";
import { startFaultProxy, type FaultPlan } from "./support/fault-proxy";
import { dockerSubcommands, realDeps, startRegistryApp, stopRegistryApp } from "./support/fixtures";
import { describeWithDocker, type FakeEcr, type LocalRegistry } from "./support/local-ecr";

process.env.DOCKER_CONFIG = tempDir();
const RETRY = { attempts: 3, baseDelayMs: 10 };
// Blob uploads. docker does not retry a 429 itself; it retries a 500 upload with its own 5-try countdown (> 60 s), so 429 is the fault here.
const UPLOADS = /^POST \/v2\/.+\/blobs\/uploads\//;

describeWithDocker("berth publish through a faulty registry proxy (real Docker engine and registry)", () => {
  const app = `pxy${randomBytes(4).toString("hex")}`;
  const repository = `${app}-dev/web`;
  let registry: LocalRegistry;
  let ecr: FakeEcr;
  let dir: string;
  let spec: string;

  beforeAll(async () => {
    ({ registry, ecr, dir, spec } = await startRegistryApp(app));
    await publish(loadConfig(spec), realDeps(), { retry: RETRY });
  });

  afterAll(() => stopRegistryApp(app, { registry, ecr }));

  const change = () => writeFileSync(join(dir, "app", "index.html"), `<p>${randomBytes(8).toString("hex")}</p>\n`);

  async function publishThrough(plan: FaultPlan) {
    change();
    const proxy = await startFaultProxy(registry.host, plan);
    ecr.registryHost = proxy.host;
    const before = readFileSync(manifestPath({ baseDir: dir }), "utf8");
    const deps = realDeps();
    try {
      const outcome = await publish(loadConfig(spec), deps, { retry: RETRY }).then(
        (result) => ({ ok: true as const, result }),
        (error: Error) => ({ ok: false as const, message: error.message }),
      );
      const pushes = dockerSubcommands(deps.run.calls).filter((c) => c === "push").length;
      return { outcome, pushes, faulted: proxy.faulted.length, before, after: readFileSync(manifestPath({ baseDir: dir }), "utf8"), lines: deps.progress.lines };
    } finally {
      ecr.registryHost = registry.host;
      await proxy.stop();
    }
  }

  it("retries a push the registry answers 429 once, then records the image", async () => {
    const run = await publishThrough({ fault: { kind: "status", status: 429 }, count: 1, match: UPLOADS });
    const recorded = JSON.parse(run.after).images[repository];
    expect({
      ok: run.outcome.ok,
      faulted: run.faulted,
      retryLine: run.lines.some((l) => /failed \(try 1 of 3\): toomanyrequests: Rate exceeded; retrying in 0\.01 s$/.test(l)),
      digestInRegistry: recorded.digest === (await registry.digestOf(repository, recorded.tags[0])),
    }).toEqual({ ok: true, faulted: 1, retryLine: true, digestInRegistry: true });
  });

  it("fails after 3 tries with the 429 cause and what to do, manifest untouched", async () => {
    const run = await publishThrough({ fault: { kind: "status", status: 429 }, count: Infinity, match: UPLOADS });
    const message = run.outcome.ok ? "" : run.outcome.message;
    expect({ first: message.split("\n")[0], rest: message.split("\n").slice(1), pushes: run.pushes, manifest: run.after }).toEqual({
      first: expect.stringMatching(new RegExp(`^docker push 127\\.0\\.0\\.1:\\d+/${repository}:h-[0-9a-f]{24} failed after 3 tries \\(exit 1\\):$`)),
      rest: [
        "toomanyrequests: Rate exceeded",
        "The registry is throttling requests (ECR limits the rate of layer uploads per account and region): wait a minute, then run again.",
        "The image was built but not published, and the image manifest is unchanged (the build is cached for the next run).",
      ],
      pushes: 3,
      manifest: run.before,
    });
  });

  it("retries a login whose connection is dropped, then publishes", async () => {
    const run = await publishThrough({ fault: { kind: "drop" }, count: 1, match: /^GET \/v2\/ / });
    expect([run.outcome.ok, run.faulted, run.lines.some((l) => l.includes("failed (try 1 of 3)"))]).toEqual([true, 1, true]);
  });

  it("retries a login the registry answers 500 throughout its first try, then publishes", async () => {
    // One docker login sends two requests to /v2/ (the ping, then the credentials). A 500 on the ping
    // alone makes docker skip the auth challenge and report 401 (an auth failure, not retried).
    const run = await publishThrough({ fault: { kind: "status", status: 500 }, count: 2, match: /^GET \/v2\/ / });
    const retry = run.lines.find((l) => l.includes("failed (try 1 of 3)"));
    expect([run.outcome.ok, run.faulted, retry]).toEqual([true, 2, expect.stringMatching(/500 Internal Server Error; retrying in 0\.01 s$/)]);
  });

  it("fails after 3 tries when every login is answered 500, with the cause and what to do, manifest untouched", async () => {
    const run = await publishThrough({ fault: { kind: "status", status: 500 }, count: Infinity, match: /^GET \/v2\/ / });
    const message = run.outcome.ok ? "" : run.outcome.message;
    expect({ lines: message.split("\n"), manifest: run.after }).toEqual({
      lines: [
        expect.stringMatching(/^docker login to 127\.0\.0\.1:\d+ failed after 3 tries \(exit 1\):$/),
        expect.stringMatching(/500 Internal Server Error$/),
        "The registry answered with a server error, which usually passes: run again in a few minutes. Nothing was pushed.",
      ],
      manifest: run.before,
    });
  });

  it("publishes and records the image when the registry holds an upload unanswered, then drops it (docker retries the upload itself)", async () => {
    const run = await publishThrough({ fault: { kind: "stall", ms: 1000 }, count: 1, match: UPLOADS });
    const recorded = JSON.parse(run.after).images[repository];
    expect([run.outcome.ok, run.faulted, recorded.digest === (await registry.digestOf(repository, recorded.tags[0]))]).toEqual([true, 1, true]);
  });
});
