import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runNode, tempDir, type Run } from "../scripts/run";
import { dockerAvailable } from "./docker";

/**
 * `berth up` and `berth down` through the command line, on the real Docker engine and whichever
 * compose is installed (docker-compose 1.29 here): the image built from a FROM-scratch busybox
 * context, the app's command, environment and secret reaching the container, its container health
 * check run by Docker, and a named volume kept by `berth down` and deleted by `berth down --volumes`;
 * then an app of two services, the public one reaching the internal one by its name.
 */

const app = `up${process.pid % 100000}`;
const port = 21000 + (process.pid % 5000);
const servicesPort = 26000 + (process.pid % 5000);
const dir = tempDir();
const spec = join(dir, "berth.config.ts");

/** The berth command line on a spec (`spec` by default); a build and compose on a busy 2-core machine may take minutes. */
function berth(...args: string[]): Run {
  return berthOn(spec, ...args);
}

function berthOn(specFile: string, ...args: string[]): Run {
  return runNode("scripts/bin/berth.mjs", [...args, "--config", specFile], {}, 180000);
}

/** What the app serves at `path`, once it answers (the container starts after compose returns). */
async function served(path: string, port: number): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      if (response.ok) return await response.text();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answered at http://127.0.0.1:${port}${path}`);
}

/** A FROM-scratch image context at `<root>/app` holding busybox and the tools the commands use. */
function writeImage(root: string): void {
  const rootfs = join(root, "app", "rootfs");
  mkdirSync(join(rootfs, "bin"), { recursive: true });
  mkdirSync(join(rootfs, "www"));
  mkdirSync(join(rootfs, "data"));
  copyFileSync("/bin/busybox", join(rootfs, "bin", "busybox"));
  for (const tool of ["sh", "httpd", "cat", "cp", "echo", "test", "wget", "sleep"]) symlinkSync("busybox", join(rootfs, "bin", tool));
  writeFileSync(join(root, "app", "Dockerfile"), 'FROM scratch\nCOPY rootfs/ /\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n');
}

function writeApp(): void {
  writeImage(dir);
  // Each start appends a line to the volume; the page shows the lines and the variables. The shell
  // stays PID 1 and exits on SIGTERM (a PID 1 without a handler ignores it: compose would wait 30 s).
  const start = 'trap "exit 0" TERM; echo started >> /data/starts && cp /data/starts /www/starts && echo "$GREETING $DB_PASSWORD" > /www/env && httpd -f -p 8080 -h /www & wait';
  writeFileSync(
    spec,
    `import { defineConfig } from "berth";
export default defineConfig({
  app: "${app}",
  region: "eu-west-1",
  targets: ["fargate"],
  image: { context: "./app" },
  port: 8080,
  command: ["sh", "-c", ${JSON.stringify(start)}],
  environment: { GREETING: "hello" },
  secrets: { DB_PASSWORD: "arn:aws:ssm:eu-west-1:123456789012:parameter/${app}/db" },
  volumes: [{ name: "data", path: "/data" }],
  containerHealthCheck: { command: ["CMD", "test", "-s", "/www/env"], intervalSeconds: 5 },
  fargate: { plainHttp: true },
});
`,
  );
  // A dollar sign in a value reaches the app as it is (compose does not interpolate its environment's values).
  writeFileSync(join(dir, "secrets.local.env"), "DB_PASSWORD='s3cr3t$x'\n");
}

const describeWithDocker = dockerAvailable("berth up integration") ? describe : describe.skip;

describeWithDocker("berth up and berth down on a real Docker engine", () => {
  let first: Run;
  let firstStarts = "";
  let env = "";
  let health = "";
  let afterDown = "";
  let afterDownVolumes = "";

  beforeAll(async () => {
    writeApp();
    first = berth("up", "--port", String(port));
    if (first.status !== 0) throw new Error(`berth up failed:\n${first.stderr}\n${first.stdout}`);
    firstStarts = await served("/starts", port);
    env = await served("/env", port);
    health = await containerHealth();
    expectOk(berth("down"));
    expectOk(berth("up", "--port", String(port)));
    afterDown = await served("/starts", port);
    expectOk(berth("down", "--volumes"));
    expectOk(berth("up", "--port", String(port)));
    afterDownVolumes = await served("/starts", port);
  }, 900000);

  afterAll(() => {
    berth("down", "--volumes");
    spawnSync("docker", ["image", "rm", `berth-local/${app}-dev/web:latest`]);
  }, 200000);

  it("prints where the app runs and which compose ran it", () => {
    expect(first.stdout).toContain(`  app:     http://127.0.0.1:${port}\n`);
  });

  it("names the compose it found", () => {
    expect(first.stdout).toMatch(/runs on this machine with (docker compose \S+ \(the compose plugin\)|docker-compose \S+ \(standalone Compose v1\))\n/);
  });

  it("runs the spec's command with its environment and the secret's local value, $ included", () => {
    expect(env).toBe("hello s3cr3t$x\n");
  });

  it("runs the spec's containerHealthCheck in the container, which Docker reports healthy", () => {
    expect(health).toBe("healthy");
  });

  it("starts the app once on its new volume", () => {
    expect(firstStarts).toBe("started\n");
  });

  it("keeps the volume's data over berth down and up", () => {
    expect(afterDown).toBe("started\nstarted\n");
  });

  it("starts afresh after berth down --volumes", () => {
    expect(afterDownVolumes).toBe("started\n");
  });
});

/** Docker's health status of the app's container, once it is no longer "starting" (the first check runs one interval after start). */
async function containerHealth(): Promise<string> {
  const ids = spawnSync("docker", ["ps", "--quiet", "--filter", `label=com.docker.compose.project=berth-${app}-dev`, "--filter", "label=com.docker.compose.service=web"], { encoding: "utf8" });
  const id = ids.stdout.trim().split("\n")[0]!;
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = spawnSync("docker", ["inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", id], { encoding: "utf8" }).stdout.trim();
    if (status !== "starting") return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return "starting";
}

function expectOk(run: Run): void {
  if (run.status !== 0) throw new Error(`berth failed (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
}

const servicesApp = `ups${process.pid % 100000}`;
const servicesDir = tempDir();
const servicesSpec = join(servicesDir, "berth.config.ts");

/**
 * web (public) fetches a page from store (internal, port 9000, serving its volume) by the name
 * "store", and serves what it got; store publishes no port on this machine.
 */
function writeServicesApp(): void {
  writeImage(servicesDir);
  const store = 'trap "exit 0" TERM; echo "from store" > /data/hello && httpd -f -p 9000 -h /data & wait';
  const web = 'trap "exit 0" TERM; until wget -q -O /www/relayed http://store:9000/hello; do sleep 1; done; httpd -f -p 8080 -h /www & wait';
  writeFileSync(
    servicesSpec,
    `import { defineConfig } from "berth";
export default defineConfig({
  app: "${servicesApp}",
  region: "eu-west-1",
  targets: ["ec2"],
  services: {
    web: { image: { context: "./app" }, port: 8080, expose: "public", command: ["sh", "-c", ${JSON.stringify(web)}], dependsOn: { store: "started" } },
    store: { image: { context: "./app" }, port: 9000, expose: "internal", command: ["sh", "-c", ${JSON.stringify(store)}], volumes: [{ name: "store-data", path: "/data", uid: 0, gid: 0 }] },
  },
});
`,
  );
}

describeWithDocker("berth up of an app of several services on a real Docker engine", () => {
  let up: Run;
  let relayed = "";
  let storePorts = "";

  beforeAll(async () => {
    writeServicesApp();
    up = berthOn(servicesSpec, "up", "--port", String(servicesPort));
    if (up.status !== 0) throw new Error(`berth up failed:\n${up.stderr}\n${up.stdout}`);
    relayed = await served("/relayed", servicesPort);
    const store = spawnSync("docker", ["ps", "--quiet", "--filter", `label=com.docker.compose.project=berth-${servicesApp}-dev`, "--filter", "label=com.docker.compose.service=store"], { encoding: "utf8" }).stdout.trim();
    storePorts = spawnSync("docker", ["port", store], { encoding: "utf8" }).stdout;
  }, 900000);

  afterAll(() => {
    berthOn(servicesSpec, "down", "--volumes");
    for (const service of ["web", "store"]) spawnSync("docker", ["image", "rm", `berth-local/${servicesApp}-dev/${service}:latest`]);
  }, 200000);

  it("runs the public service reaching the internal one by its service name", () => {
    expect(relayed).toBe("from store\n");
  });

  it("publishes no port of the internal service on this machine", () => {
    expect(storePorts).toBe("");
  });
});
