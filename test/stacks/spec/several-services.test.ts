import { resolveConfig } from "../../../stacks/spec/resolve";
import { specWarnings } from "../../../stacks/spec/warnings";
import { validateConfig } from "../../../stacks/spec/validate";
import { problemsOf } from "../../helpers";

/**
 * A spec of several services (docs/services.md): the ec2 target runs them all on one host; the
 * fargate target runs each as an ECS service. Each rule's message is asserted whole.
 */

const APP = { app: "shop", region: "eu-west-1", targets: ["ec2"] };
const WEB = { image: { context: "./web" }, port: 8080, expose: "public" };
const DB = { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432, expose: "internal" };
const WORKER = { image: { context: "./web" }, command: ["worker"] };
const SSM = (name: string) => `arn:aws:ssm:eu-west-1:123456789012:parameter/shop/${name}`;
const spec = (services: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ ...APP, services, ...more });

describe("a spec of several services on the ec2 target", () => {
  it("is accepted with a public service, an internal one and a worker", () => {
    expect(problemsOf(spec({ web: WEB, db: DB, worker: WORKER }))).toEqual([]);
  });

  it("resolves every service in the order written, the internal service's expose kept and a worker's left out", () => {
    const config = resolveConfig(validateConfig(spec({ web: WEB, db: DB, worker: WORKER }), "x"), "/work/app");
    expect(config.services.map((s) => [s.name, s.path.join("."), s.port, s.expose])).toEqual([
      ["web", "services.web", 8080, "public"],
      ["db", "services.db", 5432, "internal"],
      ["worker", "services.worker", undefined, undefined],
    ]);
  });

  it("takes the public service as the app's own when it is not written first", () => {
    const config = resolveConfig(validateConfig(spec({ db: DB, worker: WORKER, web: WEB }), "x"), "/work/app");
    expect([config.image.name, config.port, config.services.map((s) => s.name)]).toEqual(["web", 8080, ["db", "worker", "web"]]);
  });

  it('resolves a service with a port and no expose as "internal" (the documented default)', () => {
    const config = resolveConfig(validateConfig(spec({ web: WEB, db: { ...DB, expose: undefined } }), "x"), "/work/app");
    expect(config.services[1]!.expose).toBe("internal");
  });

  it("keeps the public service's dependsOn in the resolved services", () => {
    const config = resolveConfig(validateConfig(spec({ web: { ...WEB, dependsOn: { db: "started" } }, db: DB }), "x"), "/work/app");
    expect(config.services[0]!.dependsOn).toEqual({ db: "started" });
  });

  it("accepts a volume shared by two services with one owner", () => {
    const volume = { name: "uploads", path: "/srv/uploads" };
    expect(problemsOf(spec({ web: { ...WEB, volumes: [volume] }, worker: { ...WORKER, volumes: [volume] } }))).toEqual([]);
  });

  it("accepts one secret name read by two services from the same ARN", () => {
    const secrets = { DATABASE_URL: SSM("db-url") };
    expect(problemsOf(spec({ web: { ...WEB, secrets }, worker: { ...WORKER, secrets } }))).toEqual([]);
  });

  it("warns of a secret-looking plain value in any service, at its path", () => {
    const config = resolveConfig(validateConfig(spec({ web: WEB, worker: { ...WORKER, environment: { API_TOKEN: "abc123" } } }), "x"), "/work/app");
    expect(specWarnings(config).map((w) => w.path)).toEqual(["services.worker.environment.API_TOKEN"]);
  });
});

describe("a spec of several services is refused", () => {
  it("with two public services without a route", () => {
    expect(problemsOf(spec({ web: WEB, admin: { ...WEB, port: 9000 } }))).toEqual([
      'services: has 2 public services without a route (web, admin): only one takes the requests no route matches; give the others a route, e.g. route: { path: "/admin" } or { host: "admin.example.com" } (got {"web":{"image":{"context":"./web"},"port":8080,"expose":"public"},"admin":{"...)',
    ]);
  });

  it("when two services mount one volume with different owners", () => {
    expect(problemsOf(spec({ web: { ...WEB, volumes: [{ name: "uploads", path: "/srv/uploads" }] }, worker: { ...WORKER, volumes: [{ name: "uploads", path: "/srv/uploads", uid: 33 }] } }))).toEqual([
      'services.worker.volumes[0]: mounts volume "uploads" owned by 33:1000, but services.web mounts it owned by 1000:1000: a volume shared by services is one directory with one owner; give both the same uid and gid (got {"name":"uploads","path":"/srv/uploads","uid":33})',
    ]);
  });

  it("when two services mount one volume with the same uid but different gids", () => {
    expect(problemsOf(spec({ web: { ...WEB, volumes: [{ name: "uploads", path: "/srv/uploads" }] }, worker: { ...WORKER, volumes: [{ name: "uploads", path: "/srv/uploads", gid: 33 }] } }))[0]).toMatch(
      /^services\.worker\.volumes\[0\]: mounts volume "uploads" owned by 1000:33, but services\.web mounts it owned by 1000:1000/,
    );
  });

  it("reports a problem of the public service's own fields once, under its name", () => {
    expect(problemsOf(spec({ web: { ...WEB, environment: { DATABASE_URL: "x" }, secrets: { DATABASE_URL: SSM("db-url") } }, worker: WORKER }))).toEqual([
      `services.web.secrets.DATABASE_URL: is also set in environment: a variable is either plain or secret, remove it from one of them (got "${SSM("db-url")}")`,
    ]);
  });

  it("when one secret name reads different ARNs in two services", () => {
    expect(problemsOf(spec({ web: { ...WEB, secrets: { DATABASE_URL: SSM("web-db") } }, worker: { ...WORKER, secrets: { DATABASE_URL: SSM("worker-db") } } }))).toEqual([
      `services.worker.secrets.DATABASE_URL: reads ${SSM("worker-db")}, but services.web.secrets.DATABASE_URL reads ${SSM("web-db")}: the app's services share one set of secret variables (the EC2 host fetches each once), so one name reads one secret; rename one of the variables (got "${SSM("worker-db")}")`,
    ]);
  });

  it("when a service other than the public one sets a variable both plain and secret", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, environment: { DATABASE_URL: "x" }, secrets: { DATABASE_URL: SSM("db-url") } } }))).toEqual([
      `services.worker.secrets.DATABASE_URL: is also set in environment: a variable is either plain or secret, remove it from one of them (got "${SSM("db-url")}")`,
    ]);
  });

  it("when a service other than the public one mounts two volumes at one path", () => {
    const volumes = [{ name: "a", path: "/data" }, { name: "b", path: "/data" }];
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, volumes } }))).toEqual(['services.worker.volumes[1].path: duplicates volumes[0].path: two volumes cannot mount at one path (got "/data")']);
  });

  it("when a service other than the public one reads a Secrets Manager secret of another region", () => {
    const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/key-AbCdEf";
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, secrets: { KEY: arn } } }))).toEqual([
      `services.worker.secrets.KEY: is a Secrets Manager secret in region "us-east-1" but the app deploys to "eu-west-1": ECS documents reading only SSM parameters from another region (ECS API Reference, Secret); replicate the secret to "eu-west-1" (Secrets Manager replica secrets) and give the replica's ARN (got "${arn}")`,
    ]);
  });

  it("on the ec2 target, when a service's image is for another platform than the public one's", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, image: { context: "./web", platform: "linux/arm64" } } }))).toEqual([
      'services.worker.image.platform: is "linux/arm64" but the ec2 target runs every service on one host, of linux/amd64 like web\'s image: build this image for linux/amd64 (got "linux/arm64")',
    ]);
  });

  it('on the ec2 target with HTTPS, when a service is named "proxy" (the HTTPS proxy\'s compose service)', () => {
    expect(problemsOf(spec({ web: WEB, proxy: WORKER }, { ec2: { https: { domain: "shop.example.com" } } }))).toEqual([
      'services.proxy: names a service "proxy", the name of the ec2 target\'s HTTPS proxy (ec2.https) in the host\'s compose project: rename the service (got {"image":{"context":"./web"},"command":["worker"]})',
    ]);
  });

  it("on the ec2 target, when a service other than the public one reads a secret under a name reserved on the host", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, secrets: { DOCKER_HOST: SSM("docker") } } }))[0]).toBe(
      `services.worker.secrets.DOCKER_HOST: is reserved on the ec2 target: secrets are exported to docker compose, where DOCKER_HOST would change how it runs; rename the variable (got "${SSM("docker")}")`,
    );
  });

  it("on the ec2 target with HTTPS, when a service other than the public one names a volume like the proxy's", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, volumes: [{ name: "caddy-data", path: "/data" }] } }, { ec2: { https: { domain: "shop.example.com" } } }))).toEqual([
      'services.worker.volumes[0].name: is reserved on the ec2 target for the HTTPS proxy\'s certificates (caddy-data, caddy-config): choose another name (got "caddy-data")',
    ]);
  });

  it("on the ec2 target, when a service's container health check interval is not shorter than the update timeout", () => {
    const check = { command: ["CMD", "pg_isready"], intervalSeconds: 180 };
    expect(problemsOf(spec({ web: WEB, db: { ...DB, containerHealthCheck: check } }))).toEqual([
      "services.db.containerHealthCheck.intervalSeconds: leaves ec2.updateTimeoutSeconds (180) no longer than services.db.containerHealthCheck.intervalSeconds (180): Docker runs the first check one interval after the container starts (Docker reference, HEALTHCHECK) and every update would roll back before it; make updateTimeoutSeconds longer than the interval (got 180)",
    ]);
  });

  it("at the largest environment of any service when the host's release outgrows SSM's limit", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, environment: { BIG: "x".repeat(31000) } } }))[0]).toMatch(
      /^services\.worker\.environment: makes the ec2 target's release \d+ bytes base64-encoded \(compose file, settings, secret references\), more than the 40000 that fit/,
    );
  });
});
