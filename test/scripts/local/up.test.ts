import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Progress } from "../../../scripts/cli/progress";
import { down } from "../../../scripts/local/down";
import { up } from "../../../scripts/local/up";
import { callsOf, fakeRunner, notFound } from "../images/support/fake-runner";
import { rejectionOf } from "../images/support/fixtures";
import { resolveConfig } from "../../../stacks/spec/resolve";
import { validateConfig } from "../../../stacks/spec/validate";
import { configWithApp } from "../images/support/unit";

const SSM = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db";
const quiet: Progress = { line: () => undefined, status: () => undefined };
const LOCAL_IMAGE = "berth-local/shop-dev/web:latest";
const COMPOSE_FILE = (config: { baseDir: string }) => join(config.baseDir, ".berth", "local", "compose.yaml");

/** web (built), db (an image by URI) and worker (built from the same context), with a secret each in the folder of configWithApp. */
function servicesConfig() {
  const { baseDir } = configWithApp();
  const services = {
    web: { image: { context: "./app" }, port: 8080, expose: "public", dependsOn: { db: "started" } },
    db: { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432, secrets: { POSTGRES_PASSWORD: SSM } },
    worker: { image: { context: "./app" }, command: ["worker"], secrets: { DB_URL: SSM } },
  };
  return resolveConfig(validateConfig({ app: "shop", region: "eu-west-1", targets: ["ec2"], services }, "test spec"), baseDir);
}

/** web (the default public service) and api (public, routed under /api), in the folder of configWithApp. */
function routedConfig() {
  const { baseDir } = configWithApp();
  const services = {
    web: { image: { context: "./app" }, port: 8080, expose: "public" },
    api: { image: { context: "./app" }, port: 9000, expose: "public", route: { path: "/api" } },
  };
  return resolveConfig(validateConfig({ app: "shop", region: "eu-west-1", targets: ["ec2"], services }, "test spec"), baseDir);
}

describe("berth up with several services", () => {
  it("builds each built service's image under its local tag, and gives compose every image and secret", async () => {
    const config = servicesConfig();
    writeFileSync(join(config.baseDir, "secrets.local.env"), "POSTGRES_PASSWORD=pw\nDB_URL=postgres://db/shop\n");
    const run = fakeRunner();
    const result = await up(config, {}, { run, progress: quiet, env: {} });
    expect([callsOf(run).filter((argv) => argv[0] === "build").map((argv) => argv[argv.indexOf("--tag") + 1]), run.options.at(-1)!.env, result.images]).toEqual([
      ["berth-local/shop-dev/web:latest", "berth-local/shop-dev/worker:latest"],
      {
        BERTH_IMAGE_WEB: "berth-local/shop-dev/web:latest",
        BERTH_IMAGE_DB: "public.ecr.aws/docker/library/postgres:17",
        BERTH_IMAGE_WORKER: "berth-local/shop-dev/worker:latest",
        POSTGRES_PASSWORD: "pw",
        DB_URL: "postgres://db/shop",
      },
      [
        { service: "web", image: "berth-local/shop-dev/web:latest", built: true },
        { service: "db", image: "public.ecr.aws/docker/library/postgres:17", built: false },
        { service: "worker", image: "berth-local/shop-dev/worker:latest", built: true },
      ],
    ]);
  });

  it("writes every service into the compose file, publishing only the public one", async () => {
    const config = servicesConfig();
    writeFileSync(join(config.baseDir, "secrets.local.env"), "POSTGRES_PASSWORD=pw\nDB_URL=x\n");
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    const services = parse(readFileSync(COMPOSE_FILE(config), "utf8")).services as Record<string, { ports?: string[] }>;
    expect(Object.entries(services).map(([name, s]) => [name, s.ports])).toEqual([["web", ["127.0.0.1:8080:8080"]], ["db", undefined], ["worker", undefined]]);
  });

  it("with a routed public service: the routing proxy takes the local port, and no service is published itself", async () => {
    const config = routedConfig();
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    const written = parse(readFileSync(COMPOSE_FILE(config), "utf8")).services as Record<string, { ports?: string[]; volumes?: string[] }>;
    expect(Object.entries(written).map(([name, s]) => [name, s.ports])).toEqual([
      ["web", undefined],
      ["api", undefined],
      ["proxy", ["127.0.0.1:8080:80"]],
    ]);
  });

  it("with a routed public service: writes the proxy's Caddyfile beside the compose file, sending /api to api", async () => {
    const config = routedConfig();
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    expect(readFileSync(join(config.baseDir, ".berth", "local", "Caddyfile"), "utf8")).toBe(
      ":80 {\n\t@api {\n\t\tpath_regexp ^/api(/.*)?$\n\t}\n\troute {\n\t\treverse_proxy @api api:9000\n\t\treverse_proxy web:8080\n\t}\n}\n",
    );
  });

  it("says which images were built when a later build fails, and that nothing was started", async () => {
    const config = servicesConfig();
    writeFileSync(join(config.baseDir, "secrets.local.env"), "POSTGRES_PASSWORD=pw\nDB_URL=x\n");
    const run = fakeRunner((argv) => (argv[1] === "build" && argv.includes("berth-local/shop-dev/worker:latest") ? { code: 1, stderr: "failed to build\n" } : undefined));
    expect(await rejectionOf(up(config, {}, { run, progress: quiet, env: {} }))).toMatch(/run again; berth-local\/shop-dev\/web:latest was built, nothing was started\.$/);
  });
});

describe("berth up", () => {
  it("builds the image for its platform under the local tag, then starts the project with docker-compose when there is no compose plugin", async () => {
    const config = configWithApp();
    const run = fakeRunner();
    await up(config, {}, { run, progress: quiet, env: {} });
    expect(callsOf(run).filter((argv) => argv[0] === "build")).toEqual([["build", "--platform", "linux/amd64", "--file", join(config.baseDir, "app", "Dockerfile"), "--tag", LOCAL_IMAGE, join(config.baseDir, "app")]]);
    expect(callsOf(run, "docker-compose").at(-1)).toEqual(["--project-name", "berth-shop-dev", "--file", COMPOSE_FILE(config), "up", "--detach", "--remove-orphans"]);
  });

  it("uses the compose plugin when docker compose runs", async () => {
    const run = fakeRunner((argv) => (argv.join(" ") === "docker compose version --short" ? { stdout: "2.39.4\n" } : undefined));
    const result = await up(configWithApp(), {}, { run, progress: quiet, env: {} });
    expect([result.compose, run.calls.at(-1)!.slice(0, 2)]).toEqual(["docker compose 2.39.4 (the compose plugin)", ["docker", "compose"]]);
  });

  it("says which compose it used: docker-compose 1.29.2 (standalone Compose v1)", async () => {
    expect((await up(configWithApp(), {}, { run: fakeRunner(), progress: quiet, env: {} })).compose).toBe("docker-compose 1.29.2 (standalone Compose v1)");
  });

  it("publishes the app on 127.0.0.1 at the app's port by default", async () => {
    const config = configWithApp();
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    expect(parse(readFileSync(COMPOSE_FILE(config), "utf8")).services.web.ports).toEqual(["127.0.0.1:8080:8080"]);
  });

  it("publishes the app on 127.0.0.1 at --port, answering at that URL", async () => {
    const config = configWithApp();
    const result = await up(config, { hostPort: 3000 }, { run: fakeRunner(), progress: quiet, env: {} });
    expect([parse(readFileSync(COMPOSE_FILE(config), "utf8")).services.web.ports, result.url]).toEqual([["127.0.0.1:3000:8080"], "http://127.0.0.1:3000"]);
  });

  it("writes no HTTPS proxy even when the ec2 target has HTTPS (a local run serves plain HTTP)", async () => {
    const config = configWithApp({ targets: ["ec2"], fargate: undefined, ec2: { https: { domain: "shop.example.com" } } });
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    expect(Object.keys(parse(readFileSync(COMPOSE_FILE(config), "utf8")).services)).toEqual(["web"]);
  });

  it("gives compose the image and the secrets' local values in its environment, not in the file", async () => {
    const config = configWithApp({ secrets: { DB_URL: SSM } });
    writeFileSync(join(config.baseDir, "secrets.local.env"), "DB_URL=postgres://local/shop\n");
    const run = fakeRunner();
    await up(config, {}, { run, progress: quiet, env: { PATH: "/usr/bin" } });
    expect([run.options.at(-1)!.env, readFileSync(COMPOSE_FILE(config), "utf8")]).toEqual([
      { PATH: "/usr/bin", BERTH_IMAGE_WEB: LOCAL_IMAGE, DB_URL: "postgres://local/shop" },
      expect.not.stringContaining("postgres://"),
    ]);
  });

  it("reads the secrets from --secrets-file", async () => {
    const config = configWithApp({ secrets: { DB_URL: SSM } });
    const file = join(config.baseDir, "other.env");
    writeFileSync(file, "DB_URL=from-other\n");
    const run = fakeRunner();
    await up(config, { secretsFile: file }, { run, progress: quiet, env: {} });
    expect(run.options.at(-1)!.env!.DB_URL).toBe("from-other");
  });

  it("runs an existing image as it is, building nothing", async () => {
    const config = configWithApp({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } });
    const run = fakeRunner();
    const result = await up(config, {}, { run, progress: quiet, env: {} });
    expect([callsOf(run).some((argv) => argv[0] === "build"), result.images, run.options.at(-1)!.env!.BERTH_IMAGE_WEB]).toEqual([false, [{ service: "web", image: "public.ecr.aws/nginx/nginx:1.27", built: false }], "public.ecr.aws/nginx/nginx:1.27"]);
  });

  it("refuses a spec with secrets and no secrets file before running docker", async () => {
    const config = configWithApp({ secrets: { DB_URL: SSM, API_KEY: SSM } });
    const run = fakeRunner();
    expect(await rejectionOf(up(config, {}, { run, progress: quiet, env: {} }))).toBe(
      `The spec has secrets (DB_URL, API_KEY), whose local values berth up reads from ${join(config.baseDir, "secrets.local.env")}, which does not exist.\n` +
        "Create it with a NAME=value line for each (dotenv format; keep it out of git), or pass --secrets-file <path>, and run again.",
    );
    expect(run.calls).toEqual([]);
  });

  it("refuses a secrets file that lacks a secret, naming it", async () => {
    const config = configWithApp({ secrets: { DB_URL: SSM, API_KEY: SSM } });
    const file = join(config.baseDir, "secrets.local.env");
    writeFileSync(file, "DB_URL=x\n");
    expect(await rejectionOf(up(config, {}, { run: fakeRunner(), progress: quiet, env: {} }))).toBe(
      `${file} has no value for API_KEY (the spec's secrets: DB_URL, API_KEY).\nAdd a line API_KEY=<local value> for each and run again.`,
    );
  });

  it("refuses to go on without any compose, saying what to install", async () => {
    const run = fakeRunner((argv) => (argv[0] === "docker-compose" ? notFound("docker-compose") : undefined));
    expect(await rejectionOf(up(configWithApp(), {}, { run, progress: quiet, env: {} }))).toBe(
      'Docker Compose not found: neither "docker compose version" (the compose plugin) nor "docker-compose version" ran.\n' +
        "Install the Docker Compose plugin (https://docs.docker.com/compose/install/) and run again.",
    );
  });

  it("builds nothing when compose is missing", async () => {
    const run = fakeRunner((argv) => (argv[0] === "docker-compose" ? notFound("docker-compose") : undefined));
    await rejectionOf(up(configWithApp(), {}, { run, progress: quiet, env: {} }));
    expect(callsOf(run).some((argv) => argv[0] === "build")).toBe(false);
  });

  it("reports a failed build with docker's last lines, starting nothing", async () => {
    const config = configWithApp();
    const run = fakeRunner((argv) => (argv[1] === "build" ? { code: 1, stderr: "Step 1/2 : FROM nothing\npull access denied for nothing\n" } : undefined));
    expect(await rejectionOf(up(config, {}, { run, progress: quiet, env: {} }))).toBe(
      `docker build of web failed (exit 1):\nStep 1/2 : FROM nothing\npull access denied for nothing\nFix the Dockerfile (${join(config.baseDir, "app", "Dockerfile")}) or the build context and run again; nothing was started.`,
    );
  });

  it("reports a failed compose up with its last lines and what was already done", async () => {
    const run = fakeRunner((argv) => (argv.includes("up") ? { code: 1, stderr: "ERROR: for web  Cannot start service web: port is already allocated\n" } : undefined));
    expect(await rejectionOf(up(configWithApp(), {}, { run, progress: quiet, env: {} }))).toBe(
      "docker-compose up of berth-shop-dev failed (exit 1):\nERROR: for web  Cannot start service web: port is already allocated\n" +
        `The image ${LOCAL_IMAGE} was built. Fix what compose reports and run berth up again; berth down stops what did start.`,
    );
  });
});

describe("berth down", () => {
  it("stops the project berth up started, keeping its volumes", async () => {
    const config = configWithApp();
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    const run = fakeRunner();
    await down(config, {}, { run, env: {} });
    expect(callsOf(run, "docker-compose").at(-1)).toEqual(["--project-name", "berth-shop-dev", "--file", COMPOSE_FILE(config), "down"]);
  });

  it("deletes the volumes with --volumes", async () => {
    const config = configWithApp();
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    const run = fakeRunner();
    await down(config, { volumes: true }, { run, env: {} });
    expect(callsOf(run, "docker-compose").at(-1)!.slice(4)).toEqual(["down", "--volumes"]);
  });

  it("refuses when berth up has not run for the spec, running nothing", async () => {
    const config = configWithApp();
    const run = fakeRunner();
    expect(await rejectionOf(down(config, {}, { run, env: {} }))).toBe(
      `Nothing to stop for shop (dev): ${COMPOSE_FILE(config)} does not exist, so berth up has not run for this spec here.\nRun berth up first, or pass the spec berth up ran with --config.`,
    );
    expect([run.calls, existsSync(COMPOSE_FILE(config))]).toEqual([[], false]);
  });

  it("reports a failed compose down with its last lines", async () => {
    const config = configWithApp();
    await up(config, {}, { run: fakeRunner(), progress: quiet, env: {} });
    const run = fakeRunner((argv) => (argv.includes("down") ? { code: 1, stderr: "ERROR: error while removing network\n" } : undefined));
    expect(await rejectionOf(down(config, {}, { run, env: {} }))).toBe("docker-compose down of berth-shop-dev failed (exit 1):\nERROR: error while removing network\nFix what compose reports and run berth down again.");
  });
});
