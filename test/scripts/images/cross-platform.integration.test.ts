import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { manifestPath } from "../../../scripts/images/manifest";
import { publish } from "../../../scripts/images/publish";
import { loadConfig } from "../../../scripts/synth/load-config";
import { tempDir } from "../run";
import { dockerSubcommands, realDeps, rejectionOf, runBerth, startRegistryApp, stopRegistryApp } from "./support/fixtures";
import { describeWithDocker, type FakeEcr, type LocalRegistry } from "./support/local-ecr";

process.env.DOCKER_CONFIG = tempDir();

const docker = process.env.BERTH_DOCKER || "docker";
const daemon = spawnSync(docker, ["version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"], { encoding: "utf8" }).stdout?.trim();
const buildx = spawnSync(docker, ["buildx", "version"]).status === 0;
const foreign = daemon === "linux/arm64" ? "linux/amd64" : "linux/arm64";
// With buildx the build runs (buildx build --platform); this test is about the legacy builder.
const withoutBuildx = buildx ? it.skip : it;

describeWithDocker("berth publish of a foreign-platform image with the real Docker engine", () => {
  const app = `xp${randomBytes(4).toString("hex")}`;
  let registry: LocalRegistry;
  let ecr: FakeEcr;
  let dir: string;
  let spec: string;

  beforeAll(async () => {
    ({ registry, ecr, dir, spec } = await startRegistryApp(app));
    writeFileSync(spec, readFileSync(spec, "utf8").replace('platform: "linux/amd64"', `platform: "${foreign}"`));
  });

  afterAll(() => stopRegistryApp(app, { registry, ecr }));

  withoutBuildx(`refuses a ${foreign} image before building when docker has no buildx and its daemon is ${daemon}`, async () => {
    const deps = realDeps();
    const message = await rejectionOf(publish(loadConfig(spec), deps));
    const arch = foreign.split("/")[1];
    expect([message, dockerSubcommands(deps.run.calls), existsSync(manifestPath({ baseDir: dir }))]).toEqual([
      `Cannot build image web for ${foreign} (image.platform): the docker daemon here is ${daemon} and has no buildx, ` +
        "and docker's legacy builder builds only for the daemon's own platform. Nothing was built or pushed.\n" +
        `Without buildx, image.platform must be ${daemon} on this machine. To build ${foreign}, do one of: ` +
        `install the docker buildx plugin (https://docs.docker.com/build/install-buildx/) and register QEMU emulation for ${arch} (docker run --privileged --rm tonistiigi/binfmt --install ${arch}); ` +
        `or run berth publish on a native ${foreign} machine or CI runner; or set image.platform to "${daemon}" if the service can run on that architecture. Then run again.`,
      ["version", "buildx"],
      false,
    ]);
  });

  withoutBuildx("exits 1 through the CLI with that message and no stack trace", async () => {
    const run = await runBerth(["publish", "--config", spec]);
    expect([run.status, run.stderr.includes(`Cannot build image web for ${foreign} (image.platform)`), /^\s+at /m.test(run.stderr)]).toEqual([1, true, false]);
  });
});
