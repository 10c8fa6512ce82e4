import Ajv from "ajv";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { cloudConfig } from "../../../constructs/ec2-host/cloud-init";
import { deployCommands } from "../../../constructs/ec2-host/deploy-document";
import { releaseFiles, type ReleaseInput } from "../../../constructs/ec2-host/release";
import { BOOT_SCRIPTS, DEPLOY_SCRIPTS, SCRIPT_DIR } from "../../../constructs/ec2-host/host-scripts";
import { HOST_UNITS } from "../../../constructs/ec2-host/systemd";
import { run, tempDir, writeTree } from "./tools";

/** The outside validators the issue names, run on exactly what berth generates. */

const BASE_RELEASE: ReleaseInput = {
  port: 8080,
  httpPort: 80,
  environment: { LOG_LEVEL: "info", PRICE: "$5" },
  secrets: {},
  volumes: [],
  stopGracePeriodSeconds: 30,
  healthCheck: { path: "/health", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2 },
  updateTimeoutSeconds: 180,
};

/** Two public services beside web: api under /api (on web's port), admin on its own host. */
const ROUTED: ReleaseInput["services"] = [
  { name: "api", port: 8080, route: { pathPrefix: "/api" }, healthCheck: { path: "/api/health", timeoutSeconds: 3 }, environment: {}, secrets: {}, volumes: [] },
  { name: "admin", port: 9000, route: { host: "admin.example.com" }, environment: {}, secrets: {}, volumes: [] },
];

const RELEASES: Record<string, ReleaseInput> = {
  "plain HTTP": BASE_RELEASE,
  "secrets, volumes, an entrypoint and a command": {
    ...BASE_RELEASE,
    entrypoint: ["/usr/local/bin/start", "--port=$PORT"],
    command: ["node", "server.js", "--greeting=$HOME"],
    secrets: { DATABASE_URL: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db" },
    volumes: [
      { name: "data", path: "/var/lib/app", uid: 1000, gid: 1000 },
      { name: "uploads", path: "/srv/uploads", uid: 33, gid: 33 },
    ],
  },
  "published on loopback (berth up)": { ...BASE_RELEASE, publishAddress: "127.0.0.1" },
  "a container health check": {
    ...BASE_RELEASE,
    containerHealthCheck: { command: ["CMD-SHELL", "wget -q -O- http://127.0.0.1:$PORT/health || exit 1"], intervalSeconds: 15, timeoutSeconds: 3, retries: 4, startPeriodSeconds: 0 },
  },
  HTTPS: { ...BASE_RELEASE, https: { domain: "shop.example.com", email: "ops@example.com" }, proxyImage: "public.ecr.aws/docker/library/caddy:2.10.2-alpine" },
  "public services routed by path and host, plain HTTP": { ...BASE_RELEASE, services: ROUTED, proxyImage: "public.ecr.aws/docker/library/caddy:2.10.2-alpine" },
  "public services routed by path and host, HTTPS": { ...BASE_RELEASE, services: ROUTED, https: { domain: "shop.example.com" }, proxyImage: "public.ecr.aws/docker/library/caddy:2.10.2-alpine" },
  "several services: a database with a health check and a volume, a one-shot job, dependencies of each kind": {
    ...BASE_RELEASE,
    dependsOn: { db: "healthy", migrate: "completed" },
    services: [
      {
        name: "db",
        environment: { PGDATA: "/var/lib/postgresql/data/pgdata" },
        secrets: { POSTGRES_PASSWORD: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db-password" },
        volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
        containerHealthCheck: { command: ["CMD", "pg_isready"], intervalSeconds: 10, timeoutSeconds: 5, retries: 5, startPeriodSeconds: 10 },
      },
      { name: "migrate", command: ["migrate"], environment: {}, secrets: {}, volumes: [], dependsOn: { db: "started" } },
    ],
  },
};

const SCRIPTS = { ...BOOT_SCRIPTS, ...DEPLOY_SCRIPTS };

const work = tempDir("validators");
const scratch = (name: string) => mkdtempSync(join(work, `${name}-`));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("shellcheck", () => {
  it.each(Object.keys(SCRIPTS))("finds nothing in %s", (name) => {
    const result = run("shellcheck", ["--severity=style", "-"], { input: SCRIPTS[name] });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("finds nothing in the deploy document's commands", () => {
    const result = run("shellcheck", ["--severity=style", "-"], { input: `${deployCommands().join("\n")}\n` });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("cloud-init schema -c", () => {
  it.each([
    ["the published checksum", ""],
    ["a pinned checksum", "a".repeat(64)],
  ])("accepts the user data (compose plugin verified against %s)", (_, composeSha256) => {
    const dir = scratch("cloud-init");
    const file = join(dir, "user-data");
    writeFileSync(
      file,
      cloudConfig({ region: "eu-west-1", logGroupName: "/berth/shop-dev/ec2", dataVolumeId: "vol-0123456789abcdef0", composeVersion: "v2.39.4", composeSha256 }),
    );
    const result = run("cloud-init", ["schema", "-c", file]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Valid cloud-config");
    expect(result.status).toBe(0);
  });
});

describe("docker-compose config", () => {
  it.each(Object.keys(RELEASES))("accepts the compose file of a release with %s", (kind) => {
    const dir = scratch("compose");
    const files = releaseFiles(RELEASES[kind]!);
    writeTree(dir, { "compose.yaml": files["compose.yaml"], Caddyfile: files.Caddyfile });
    const result = run("docker-compose", ["--file", join(dir, "compose.yaml"), "config", "--quiet"], {
      env: Object.fromEntries(["WEB", "DB", "MIGRATE", "API", "ADMIN"].map((name) => [`BERTH_IMAGE_${name}`, `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/${name.toLowerCase()}@sha256:${"0".repeat(64)}`])),
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("the Compose Specification's JSON schema (Compose v2's rules)", () => {
  // test/fixtures/compose-spec/SOURCE.md says where the schema comes from.
  const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "compose-spec", "compose-spec.json"), "utf8")) as object;
  const ajv = new Ajv({ allErrors: true });
  // The schema names draft-07 by its https address; ajv knows the same meta-schema by the http one.
  const draft07 = JSON.parse(readFileSync(require.resolve("ajv/lib/refs/json-schema-draft-07.json"), "utf8")) as object;
  ajv.addMetaSchema(draft07, "https://json-schema.org/draft-07/schema");
  const validate = ajv.compile(schema);
  const problems = (compose: unknown) => (validate(compose) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));

  it.each(Object.keys(RELEASES))("accepts the compose file of a release with %s", (kind) => {
    expect(problems(parse(releaseFiles(RELEASES[kind]!)["compose.yaml"]))).toEqual([]);
  });

  it("refuses a stop_grace_period given as a bare number of seconds (the schema wants a duration string)", () => {
    const compose = parse(releaseFiles(BASE_RELEASE)["compose.yaml"]) as { services: { web: Record<string, unknown> } };
    compose.services.web.stop_grace_period = 30;
    expect(problems(compose)).toContain(".services['web'].stop_grace_period should be string");
  });
});

describe("caddy adapt --validate (Caddy 2.6, Debian)", () => {
  const proxied = Object.keys(RELEASES).filter((kind) => releaseFiles(RELEASES[kind]!).Caddyfile !== "");

  it("has releases to check: HTTPS, and routes with and without it", () => {
    expect(proxied).toEqual(["HTTPS", "public services routed by path and host, plain HTTP", "public services routed by path and host, HTTPS"]);
  });

  it.each(proxied)("accepts the Caddyfile of a release with %s", (kind) => {
    const dir = scratch("caddy");
    const file = join(dir, "Caddyfile");
    writeFileSync(file, releaseFiles(RELEASES[kind]!).Caddyfile);
    // Caddy's storage (it provisions the TLS app while validating) goes to the scratch directory.
    const result = run("caddy", ["adapt", "--config", file, "--adapter", "caddyfile", "--validate"], { env: { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir } });
    const warnings = result.stderr
      .split("\n")
      .filter((line) => /"level":"(warn|error)"/.test(line))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    // Plain HTTP is meant: Caddy says so of a server on its HTTP port only.
    expect(warnings).toEqual(RELEASES[kind]!.https ? [] : ["server is listening only on the HTTP port, so no automatic HTTPS will be applied to this server"]);
    expect(result.status).toBe(0);
  });
});

describe("systemd-analyze verify", () => {
  it("accepts the units and the Docker drop-in", () => {
    // The units run the host's scripts from /usr/local/sbin; here they live in a temporary directory.
    const dir = scratch("units");
    writeTree(join(dir, "bin"), SCRIPTS, true);
    const units = Object.fromEntries(
      Object.entries(HOST_UNITS).map(([path, text]) => [path.replace("/etc/systemd/system/", ""), text.replaceAll(`${SCRIPT_DIR}/`, `${join(dir, "bin")}/`)]),
    );
    writeTree(join(dir, "units"), units);
    const result = run("systemd-analyze", ["verify", "berth-app.service", "berth-data.service", "docker.service"], {
      env: { SYSTEMD_UNIT_PATH: `${join(dir, "units")}:` },
      cwd: dir,
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
