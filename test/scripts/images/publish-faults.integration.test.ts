import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestPath } from "../../../scripts/images/manifest";
import { publish } from "../../../scripts/images/publish";
import { loadConfig } from "../../../scripts/synth/load-config";
import { ROOT, hasStackTrace, tempDir } from "../run";
import { dockerSubcommands, realDeps, rejectionOf, runBerth, startRegistryApp, stopRegistryApp } from "./support/fixtures";
import { describeWithDocker, freePort, startThrottlingRegistry, type FakeEcr, type LocalRegistry } from "./support/local-ecr";

process.env.DOCKER_CONFIG = tempDir();
const RETRY = { attempts: 3, baseDelayMs: 10 };

describeWithDocker("berth publish when something is wrong (real Docker engine and registry)", () => {
  const app = `flt${randomBytes(4).toString("hex")}`;
  const repository = `${app}-dev/web`;
  let registry: LocalRegistry;
  let ecr: FakeEcr;
  let dir: string;
  let spec: string;
  let publishedManifest: string;

  beforeAll(async () => {
    ({ registry, ecr, dir, spec } = await startRegistryApp(app));
    await publish(loadConfig(spec), realDeps(), { retry: RETRY });
    publishedManifest = readFileSync(manifestPath({ baseDir: dir }), "utf8");
  });

  afterEach(() => {
    ecr.registryHost = registry.host;
  });

  afterAll(() => stopRegistryApp(app, { registry, ecr }));

  /** Changes the app so that the next publish has something to build. */
  const change = () => writeFileSync(join(dir, "app", "index.html"), `<p>${randomBytes(8).toString("hex")}</p>\n`);

  it("fails with a clear error after bounded retries when the registry is down, and leaves the manifest untouched", async () => {
    change();
    ecr.registryHost = `127.0.0.1:${await freePort()}`;
    const deps = realDeps();
    const message = await rejectionOf(publish(loadConfig(spec), deps, { retry: RETRY }));
    expect({
      message: message.split("\n")[0],
      logins: dockerSubcommands(deps.run.calls).filter((c) => c === "login").length,
      manifest: readFileSync(manifestPath({ baseDir: dir }), "utf8"),
    }).toEqual({
      message: `docker login to ${ecr.registryHost} failed after 3 tries (exit 1):`,
      logins: 3,
      manifest: publishedManifest,
    });
  });

  it("retries a throttled push a bounded number of times, then fails with what happened, manifest untouched", async () => {
    change();
    const throttling = await startThrottlingRegistry();
    ecr.registryHost = throttling.host;
    try {
      const deps = realDeps();
      const message = await rejectionOf(publish(loadConfig(spec), deps, { retry: RETRY }));
      expect({
        message: message.split("\n")[0],
        detail: message.includes("toomanyrequests: Rate exceeded"),
        pushes: dockerSubcommands(deps.run.calls).filter((c) => c === "push").length,
        uploads: throttling.uploads,
        manifest: readFileSync(manifestPath({ baseDir: dir }), "utf8"),
      }).toEqual({
        message: expect.stringMatching(new RegExp(`^docker push ${throttling.host}/${repository}:h-[0-9a-f]{24} failed after 3 tries \\(exit 1\\):$`)),
        detail: true,
        pushes: 3,
        uploads: 3,
        manifest: publishedManifest,
      });
    } finally {
      await throttling.stop();
    }
  });

  it("leaves the previous manifest whole when the run is stopped during the push", async () => {
    change();
    // A docker that hangs on push, so that the run can be stopped there.
    const wrapper = join(tempDir(), "docker");
    writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = push ]; then echo pushing >&2; exec sleep 60; fi\nexec docker "$@"\n`, { mode: 0o755 });
    const child = spawn(process.execPath, [join(ROOT, "scripts/bin/berth.mjs"), "publish", "--config", spec], { env: { ...process.env, BERTH_DOCKER: wrapper }, detached: true });
    const exited = new Promise((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve) => child.stderr.on("data", (d: Buffer) => d.toString().includes("pushing") && resolve()));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    // .berth holds the manifest and berth's build cache (the spec's bundle), and no half-written manifest.
    expect([readFileSync(manifestPath({ baseDir: dir }), "utf8"), readdirSync(join(dir, ".berth"))]).toEqual([publishedManifest, ["build", "images.json"]]);
  });

  it("says docker is not installed when BERTH_DOCKER names no binary: exit 1, no stack trace", async () => {
    change();
    const run = await runBerth(["publish", "--config", spec], { BERTH_DOCKER: "/nonexistent/docker" });
    expect([run.status, run.stderr.match(/^Docker not found.*$/m)?.[0], hasStackTrace(run.stderr)]).toEqual([
      1,
      'Docker not found: could not run "/nonexistent/docker" (set by BERTH_DOCKER; ENOENT).',
      false,
    ]);
  });

  it("says the daemon is not running when docker cannot reach it", async () => {
    change();
    const run = await runBerth(["publish", "--config", spec], { DOCKER_HOST: `unix://${join(tempDir(), "docker.sock")}` });
    expect([run.status, run.stderr.match(/^Docker is installed but its daemon is not reachable.*$/m)?.[0]]).toEqual([
      1,
      "Docker is installed but its daemon is not reachable (docker version exited 1):",
    ]);
  });

  it("says to deploy the registry stack first when the repository does not exist", async () => {
    ecr.repositories.delete(repository);
    try {
      const run = await runBerth(["publish", "--config", spec]);
      expect([run.status, run.stderr.match(/^ECR repository.*\n.*$/m)?.[0]]).toEqual([
        1,
        `ECR repository "${repository}" (image web) does not exist in account 123456789012, region eu-west-1.\n` +
          `Deploy the registry stack first: berth deploy (applies it before publishing), or npx cdktf deploy ${app}-dev-registry; then run berth publish again. If it does exist, check the AWS account and region of your credentials.`,
      ]);
    } finally {
      ecr.repositories.add(repository);
    }
  });
});
