import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { releaseFiles } from "../../constructs/ec2-host/release";
import { DEPLOY_SCRIPTS } from "../../constructs/ec2-host/host-scripts";
import { run, tempDir, writeTree, type RunResult } from "../constructs/ec2-host/tools";
import { dockerAvailable } from "./docker";

/**
 * The host's release machinery (berth-update, berth-compose, berth-secrets) against the real Docker
 * engine: releases pinned by digest in a local registry, run by the generated compose file
 * (docker-compose v1 here; the host uses the compose plugin through the same BERTH_COMPOSE variable).
 */

const suffix = `${process.pid}-${Date.now() % 100000}`;
const project = `berth-it-${suffix}`;
const httpPort = 20000 + (process.pid % 5000) * 2;
const registryPort = httpPort + 1;
const work = tempDir("ec2-update");
const bin = join(work, "bin");
const env = {
  BERTH_HOME: join(work, "home"),
  BERTH_RUN_DIR: join(work, "run"),
  BERTH_PROJECT: project,
  BERTH_COMPOSE: "docker-compose",
  DOCKER_CONFIG: join(work, "docker-config"),
};
const repository = `127.0.0.1:${registryPort}/berth-it/app`;

let registry: ChildProcess | undefined;
const images: Record<"v1" | "v2" | "sick", string> = { v1: "", v2: "", sick: "" };
const releaseDirs: Record<string, string> = {};

function docker(...args: string[]): RunResult {
  const result = run("docker", args, { timeoutMs: 120000 });
  if (result.status !== 0) throw new Error(`docker ${args.join(" ")} failed: ${result.stderr}`);
  return result;
}

/**
 * A busybox image serving /www on 8080, with an empty /data owned by root; `health` decides whether
 * /health exists, `dockerHealthCheck` adds a Docker HEALTHCHECK command, `user` the image's USER.
 */
function pushImage(version: string, health: boolean, dockerHealthCheck?: string, user?: string, files: Record<string, string> = {}): string {
  const root = join(work, `rootfs-${version}`);
  mkdirSync(join(root, "bin"), { recursive: true });
  copyFileSync("/bin/busybox", join(root, "bin", "busybox"));
  for (const tool of ["sh", "httpd", "cat", "echo", "false", "wget"]) symlinkSync("busybox", join(root, "bin", tool));
  writeTree(root, { "www/index.html": version, ...(health ? { "www/health": "ok" } : {}), ...files });
  mkdirSync(join(root, "data"));
  const changes = ["--change", 'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]'];
  if (dockerHealthCheck) changes.push("--change", `HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD ${dockerHealthCheck}`);
  if (user) changes.push("--change", `USER ${user}`);
  return pushRootfs(root, version, changes);
}

/**
 * Caddy as the proxy image (no image can be pulled here): Debian's caddy binary and the libraries
 * it links, with Caddy's storage where the compose file mounts the proxy's volumes.
 */
function pushCaddyImage(): string {
  const root = join(work, "rootfs-caddy");
  const libraries = ["/lib/x86_64-linux-gnu/libzstd.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"];
  for (const file of ["/usr/bin/caddy", ...libraries]) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    copyFileSync(file, join(root, file));
  }
  mkdirSync(join(root, "etc", "caddy"), { recursive: true });
  const changes = ["--change", "ENV XDG_DATA_HOME=/data XDG_CONFIG_HOME=/config", "--change", 'CMD ["/usr/bin/caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]'];
  return pushRootfs(root, "caddy", changes);
}

/** Imports `root` as an image with Dockerfile `changes`, pushes it and returns its digest reference. */
function pushRootfs(root: string, version: string, changes: readonly string[]): string {
  const tarball = join(work, `${version}.tar`);
  const tar = run("tar", ["-C", root, "-cf", tarball, "."]);
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  const tag = `${repository}:${version}-${suffix}`;
  docker("import", ...changes, tarball, tag);
  docker("push", tag);
  const digest = docker("inspect", "--format", "{{index .RepoDigests 0}}", tag).stdout.trim();
  // Only the registry has it now: a deploy must pull it.
  docker("image", "rm", tag);
  return digest;
}

/** A release directory as the deploy document writes it. */
function release(name: string, image: string): string {
  const dir = join(work, "incoming", name);
  const files = releaseFiles({
    port: 8080,
    httpPort,
    environment: { GREETING: "hello" },
    secrets: {},
    volumes: [{ name: "data", path: "/data", uid: 1000, gid: 1000 }],
    stopGracePeriodSeconds: 5,
    healthCheck: { path: "/health", intervalSeconds: 1, timeoutSeconds: 2, healthyThreshold: 2 },
    updateTimeoutSeconds: 10,
  });
  writeTree(dir, { ...files, images: `web=${image}\n` });
  releaseDirs[name] = dir;
  return dir;
}

function update(dir: string): RunResult {
  return run(join(bin, "berth-update"), [dir], { env, timeoutMs: 150000 });
}

async function served(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/`);
  return response.text();
}

function webContainer(): string {
  return docker("ps", "--quiet", "--filter", `label=com.docker.compose.project=${project}`, "--filter", "label=com.docker.compose.service=web").stdout.trim();
}

function proof(): string {
  return docker("exec", webContainer(), "cat", "/data/proof").stdout.trim();
}

function currentRelease(): string {
  return readlinkSync(join(env.BERTH_HOME, "current"));
}

async function startRegistry(): Promise<void> {
  const config = join(work, "registry.yml");
  writeFileSync(config, `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, "registry")}\nhttp:\n  addr: 127.0.0.1:${registryPort}\n`);
  registry = spawn("docker-registry", ["serve", config], { stdio: "ignore" });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${registryPort}/v2/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the local registry did not answer on 127.0.0.1:${registryPort}`);
}

/** Removes a compose project's containers, the given volumes, its network and the given images (empty names skipped). */
function removeProject(name: string, volumes: readonly string[], projectImages: readonly string[]): void {
  const containers = run("docker", ["ps", "--all", "--quiet", "--filter", `label=com.docker.compose.project=${name}`]).stdout.split("\n").filter(Boolean);
  if (containers.length > 0) run("docker", ["rm", "--force", ...containers]);
  for (const volume of volumes) run("docker", ["volume", "rm", volume]);
  run("docker", ["network", "rm", `${name}_default`]);
  for (const image of projectImages) if (image) run("docker", ["image", "rm", image]);
}

const describeWithDocker = dockerAvailable("ec2 update integration") ? describe : describe.skip;

describeWithDocker("berth-update on a real Docker engine", () => {
  let proofAfterUpdate = "";
  let proofAfterRollback = "";

  beforeAll(async () => {
    writeTree(bin, DEPLOY_SCRIPTS, true);
    await startRegistry();
    images.v1 = pushImage("v1", true);
    images.v2 = pushImage("v2", true);
    images.sick = pushImage("sick", true, '["false"]');
  }, 120000);

  afterAll(() => {
    removeProject(project, [`${project}_data`], Object.values(images));
    registry?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it("deploys a first release, pulled by digest, and serves it", async () => {
    const result = update(release("v1", images.v1));
    expect(result.stdout).toMatch(/release [0-9a-f]{16} is healthy/);
    expect(result.status).toBe(0);
    expect(await served()).toBe("v1");
    docker("exec", webContainer(), "sh", "-c", "echo kept > /data/proof");
  }, 120000);

  it("switches the running container to a good new image", async () => {
    const before = webContainer();
    const result = update(release("v2", images.v2));
    expect(result.status).toBe(0);
    expect(await served()).toBe("v2");
    expect(webContainer()).not.toBe(before);
    proofAfterUpdate = proof();
  }, 120000);

  // A release whose HTTP probe fails (and waits out the update timeout) rolls back as in "an app of
  // several services" below, which asserts it; here Docker's own verdict, which rolls back at once.
  it("rolls back at once when Docker's own health check reports the new container unhealthy: the old image serves again and the exit status is 1", async () => {
    const goodRelease = currentRelease();
    const result = update(release("sick", images.sick));
    expect(result.stdout).toContain("reports unhealthy");
    expect(result.stdout).toContain(`rolled back: release ${goodRelease.split("/").pop()} serves again`);
    expect([result.status, await served(), currentRelease()]).toEqual([1, "v2", goodRelease]);
    proofAfterRollback = proof();
  }, 120000);

  it("keeps named-volume data through the update and the rollback", () => {
    expect([proofAfterUpdate, proofAfterRollback]).toEqual(["kept", "kept"]);
  });

  it("leaves the running release untouched when the new image cannot be pulled", async () => {
    const running = webContainer();
    const result = update(release("missing", `${repository}@sha256:${"0".repeat(64)}`));
    expect(result.stdout).toContain("the running release is unchanged");
    expect(result.status).toBe(1);
    expect([await served(), webContainer()]).toEqual(["v2", running]);
  }, 120000);

  it("changes nothing when the running healthy release is deployed again", () => {
    const running = webContainer();
    const result = update(releaseDirs.v2!);
    expect(result.stdout).toContain("is already running and healthy");
    expect(result.status).toBe(0);
    expect(webContainer()).toBe(running);
  }, 60000);

  it("runs a release written before the images file (its one image in an image file), as a rollback to it would", async () => {
    const dir = join(work, "incoming", "legacy");
    writeTree(dir, { ...releaseFiles({ port: 8080, httpPort, environment: {}, secrets: {}, volumes: [{ name: "data", path: "/data", uid: 1000, gid: 1000 }], stopGracePeriodSeconds: 5, healthCheck: { path: "/health", intervalSeconds: 1, timeoutSeconds: 2, healthyThreshold: 2 }, updateTimeoutSeconds: 10 }) });
    // The compose file of that berth named the image ${BERTH_IMAGE}; the release carried it in `image`.
    const legacyCompose = readFileSync(join(dir, "compose.yaml"), "utf8").replace(/\$\{BERTH_IMAGE_WEB:\?[^}]*\}/, "${BERTH_IMAGE:?BERTH_IMAGE must name the release's image}");
    writeTree(dir, { "compose.yaml": legacyCompose, image: `${images.v1}\n` });
    const result = run(join(bin, "berth-compose"), [dir, "config"], { env });
    expect([result.status, result.stdout]).toEqual([0, expect.stringContaining(`image: ${images.v1}`)]);
  });

  /**
   * An app of three services in one release: web (published), store (an internal server writing to
   * its named volume) and migrate (a one-shot job on the same volume, which web waits to complete).
   * web's container health check fetches store by its service name.
   */
  describe("an app of several services", () => {
    const appProject = `${project}-multi`;
    const appPort = 35000 + (process.pid % 5000);
    const appEnv = { ...env, BERTH_HOME: join(work, "multi-home"), BERTH_PROJECT: appProject };
    const volume = `${appProject}_store-data`;
    const appImages = { web: "", web2: "", webBad: "", store: "" };

    function multiRelease(name: string, webImage: string): string {
      const dir = join(work, "incoming-multi", name);
      const storeData = { name: "store-data", path: "/data", uid: 1000, gid: 1000 };
      const files = releaseFiles({
        port: 8080,
        httpPort: appPort,
        environment: {},
        secrets: {},
        volumes: [],
        containerHealthCheck: { command: ["CMD", "wget", "-q", "-O", "/dev/null", "http://store:9000/starts"], intervalSeconds: 5, timeoutSeconds: 2, retries: 1, startPeriodSeconds: 0 },
        dependsOn: { store: "started", migrate: "completed" },
        services: [
          { name: "store", command: ["sh", "-c", "echo started >> /data/starts; exec httpd -f -p 9000 -h /data"], environment: {}, secrets: {}, volumes: [storeData] },
          { name: "migrate", command: ["sh", "-c", "echo migrated >> /data/migrations"], environment: {}, secrets: {}, volumes: [storeData] },
        ],
        stopGracePeriodSeconds: 5,
        healthCheck: { path: "/health", intervalSeconds: 1, timeoutSeconds: 2, healthyThreshold: 2 },
        updateTimeoutSeconds: 15,
      });
      writeTree(dir, { ...files, images: `web=${webImage}\nstore=${appImages.store}\nmigrate=${appImages.store}\n` });
      return dir;
    }

    const multiUpdate = (dir: string) => run(join(bin, "berth-update"), [dir], { env: appEnv, timeoutMs: 150000 });
    const containerOf = (service: string) =>
      docker("ps", "--all", "--quiet", "--filter", `label=com.docker.compose.project=${appProject}`, "--filter", `label=com.docker.compose.service=${service}`).stdout.trim();
    /** What web gets from store at `path`, by store's service name. */
    const fromStore = (path: string) => docker("exec", containerOf("web"), "wget", "-q", "-O-", `http://store:9000/${path}`).stdout.trim();
    const servedByWeb = async () => (await fetch(`http://127.0.0.1:${appPort}/`)).text();

    beforeAll(() => {
      appImages.web = pushImage("multi-web", true);
      appImages.web2 = pushImage("multi-web-2", true);
      appImages.webBad = pushImage("multi-web-bad", false);
      appImages.store = pushImage("multi-store", false);
    }, 120000);

    afterAll(() => removeProject(appProject, [volume], Object.values(appImages)));

    it("deploys all services: web serves, and reaches store by its service name", async () => {
      const result = multiUpdate(multiRelease("first", appImages.web));
      expect([result.status, await servedByWeb(), fromStore("starts")]).toEqual([0, "multi-web", "started"]);
      docker("exec", containerOf("store"), "sh", "-c", "echo kept > /data/proof");
    }, 120000);

    it("runs the one-shot job to completion once, and leaves it exited with status 0 (not restarted)", () => {
      const state = docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}}", containerOf("migrate")).stdout.trim();
      expect([state, fromStore("migrations")]).toEqual(["exited 0 no", "migrated"]);
    });

    it("keeps the stateful service's data through a good update", async () => {
      const result = multiUpdate(multiRelease("good", appImages.web2));
      expect([result.status, await servedByWeb(), fromStore("proof")]).toEqual([0, "multi-web-2", "kept"]);
    }, 120000);

    it("rolls every service back together when one fails, the stateful service's data still there", async () => {
      const good = readlinkSync(join(appEnv.BERTH_HOME, "current"));
      const result = multiUpdate(multiRelease("bad", appImages.webBad));
      expect(result.stdout).toContain(`rolled back: release ${good.split("/").pop()} serves again`);
      expect([result.status, readlinkSync(join(appEnv.BERTH_HOME, "current")), await servedByWeb(), fromStore("proof")]).toEqual([1, good, "multi-web-2", "kept"]);
    }, 120000);
  });

  /**
   * An app of two public services behind the routing proxy (Caddy, plain HTTP): web takes every
   * request, api those under /api. An update is healthy only when both answer their health checks.
   */
  describe("public services routed by the proxy", () => {
    const routedProject = `${project}-routed`;
    const routedPort = 40000 + (process.pid % 5000);
    const routedEnv = { ...env, BERTH_HOME: join(work, "routed-home"), BERTH_PROJECT: routedProject };
    const routedImages = { web: "", api: "", apiSick: "", proxy: "" };

    function routedRelease(name: string, apiImage: string): string {
      const dir = join(work, "incoming-routed", name);
      const files = releaseFiles({
        port: 8080,
        httpPort: routedPort,
        environment: {},
        secrets: {},
        volumes: [],
        services: [{ name: "api", port: 8080, route: { pathPrefix: "/api" }, healthCheck: { path: "/api/health", timeoutSeconds: 2 }, environment: {}, secrets: {}, volumes: [] }],
        proxyImage: routedImages.proxy,
        stopGracePeriodSeconds: 5,
        healthCheck: { path: "/health", intervalSeconds: 1, timeoutSeconds: 2, healthyThreshold: 2 },
        updateTimeoutSeconds: 15,
      });
      writeTree(dir, { ...files, images: `web=${routedImages.web}\napi=${apiImage}\n` });
      return dir;
    }

    const routedUpdate = (dir: string) => run(join(bin, "berth-update"), [dir], { env: routedEnv, timeoutMs: 150000 });
    /** Status and body at `path` through the proxy, once it answers (a recreated proxy takes a moment to listen). */
    const through = async (path: string) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await fetch(`http://127.0.0.1:${routedPort}${path}`);
          return `${response.status} ${(await response.text()).trim()}`;
        } catch (error) {
          if (attempt === 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };

    beforeAll(() => {
      routedImages.web = pushImage("routed-web", true);
      routedImages.api = pushImage("routed-api", false, undefined, undefined, { "www/api/health": "ok", "www/api/index.html": "api" });
      routedImages.apiSick = pushImage("routed-api-sick", false, undefined, undefined, { "www/api/index.html": "api without health" });
      routedImages.proxy = pushCaddyImage();
    }, 120000);

    afterAll(() => removeProject(routedProject, [`${routedProject}_caddy-data`, `${routedProject}_caddy-config`], Object.values(routedImages)));

    it("deploys both services behind the proxy: / reaches web, /api/ reaches api", async () => {
      const result = routedUpdate(routedRelease("first", routedImages.api));
      expect(result.status).toBe(0);
      expect([await through("/"), await through("/api/")]).toEqual(["200 routed-web", "200 api"]);
    }, 120000);

    it("rolls back a release whose routed service fails its own health check, though web's passes", async () => {
      const good = readlinkSync(join(routedEnv.BERTH_HOME, "current"));
      const result = routedUpdate(routedRelease("api-sick", routedImages.apiSick));
      expect(result.stdout).toContain(`rolled back: release ${good.split("/").pop()} serves again`);
      expect(result.stdout).toContain("/api/health");
      expect([result.status, await through("/api/")]).toEqual([1, "200 api"]);
    }, 120000);
  });

  /**
   * An app that runs as uid 1000 (the image's USER) and a named volume at /data, where the image has
   * an empty directory owned by root: Docker copies that owner onto a new, empty volume.
   */
  describe("named volumes of an app running as uid 1000", () => {
    const ownerProject = `${project}-owner`;
    const ownerPort = 30000 + (process.pid % 5000);
    const ownerEnv = { ...env, BERTH_HOME: join(work, "owner-home"), BERTH_PROJECT: ownerProject };
    const volume = `${ownerProject}_data`;
    const ownerImages = { app: "", bad: "" };
    let firstUpdate: RunResult | undefined;

    /** A release of the app whose volume `data` belongs to uid:gid. */
    function ownerRelease(name: string, image: string, uid: number, gid: number): string {
      const dir = join(work, "incoming-owner", name);
      const files = releaseFiles({
        port: 8080,
        httpPort: ownerPort,
        environment: {},
        secrets: {},
        volumes: [{ name: "data", path: "/data", uid, gid }],
        stopGracePeriodSeconds: 5,
        healthCheck: { path: "/health", intervalSeconds: 1, timeoutSeconds: 2, healthyThreshold: 2 },
        updateTimeoutSeconds: 10,
      });
      writeTree(dir, { ...files, images: `web=${image}\n` });
      return dir;
    }

    const ownerUpdate = (dir: string) => run(join(bin, "berth-update"), [dir], { env: ownerEnv, timeoutMs: 150000 });
    const appContainer = () =>
      docker("ps", "--quiet", "--filter", `label=com.docker.compose.project=${ownerProject}`, "--filter", "label=com.docker.compose.service=web").stdout.trim();
    /** Exit status of a write to the volume by the app's user (docker exec runs as the image's USER). */
    const appWrites = () => run("docker", ["exec", appContainer(), "sh", "-c", "echo x > /data/written-by-app"]).status;
    const volumeDir = () => docker("volume", "inspect", "--format", "{{.Mountpoint}}", volume).stdout.trim();

    beforeAll(() => {
      ownerImages.app = pushImage("owner-app", true, undefined, "1000:1000");
      ownerImages.bad = pushImage("owner-bad", false, undefined, "1000:1000");
    }, 120000);

    afterAll(() => removeProject(ownerProject, [volume], Object.values(ownerImages)));

    it("lets the app write to its new named volume after its first release", () => {
      firstUpdate = ownerUpdate(ownerRelease("first", ownerImages.app, 1000, 1000));
      expect(firstUpdate.status).toBe(0);
      expect(appWrites()).toBe(0);
    }, 120000);

    it("says which owner it gave each volume", () => {
      expect(firstUpdate?.stdout).toContain(`berth-update: volume ${volume} belongs to 1000:1000`);
    });

    it("gives the volume back to the healthy release's owner when a release with another owner rolls back", () => {
      const result = ownerUpdate(ownerRelease("other-owner-unhealthy", ownerImages.bad, 2000, 2000));
      expect(result.stdout).toContain("serves again");
      expect(appWrites()).toBe(0);
    }, 120000);

    it("changes the owner of the volume's top directory only, never of what is inside it", () => {
      docker("exec", "--user", "0", appContainer(), "sh", "-c", "echo r > /data/written-by-root");
      const result = ownerUpdate(ownerRelease("new-gid", ownerImages.app, 1000, 1001));
      expect(result.status).toBe(0);
      expect([statSync(volumeDir()).gid, statSync(join(volumeDir(), "written-by-root")).uid, statSync(join(volumeDir(), "written-by-app")).uid]).toEqual([1001, 0, 1000]);
    }, 120000);
  });
});
