import { parse } from "yaml";
import type { Ec2HostService } from "../../../constructs/ec2-host";
import { errorOf } from "../../helpers";
import { DIGEST, SECRET_ARN, SSM_ARN, hostStatements, synthHost } from "./synth";

/** Ec2Host with several services (props.services): one compose project, one release, every image pulled. */

const DB: Ec2HostService = {
  name: "db",
  image: { uri: "public.ecr.aws/docker/library/postgres:17" },
  secrets: { POSTGRES_PASSWORD: SECRET_ARN },
  volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
  containerHealthCheck: { command: ["CMD", "pg_isready"] },
};
const WORKER: Ec2HostService = { name: "worker", image: { ecrRepositoryName: "shop-dev/worker", pinnedReference: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/worker@${DIGEST}` }, command: ["worker"] };
const base64 = (text: string) => Buffer.from(text, "base64").toString();
const parameters = (props: Parameters<typeof synthHost>[0]) => synthHost(props).one("aws_ssm_association").parameters as Record<string, string>;
const failure = (props: Parameters<typeof synthHost>[0]) => errorOf(() => synthHost(props));

describe("Ec2Host with several services", () => {
  it("deploys every service's image as service=reference pairs, the public service first", () => {
    expect(parameters({ services: [DB, WORKER] }).images).toMatch(
      new RegExp(`^web=\\$\\{data\\.aws_ecr_repository\\.[\\w-]+\\.repository_url\\}@\\$\\{data\\.aws_ecr_image\\.[\\w-]+\\.image_digest\\} db=public\\.ecr\\.aws/docker/library/postgres:17 worker=123456789012\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/shop-dev/worker@${DIGEST}$`),
    );
  });

  it("lets the host pull from each built image's repository and from no other", () => {
    const pull = hostStatements({ services: [DB, WORKER] }).find((s) => s.Action.includes("ecr:BatchGetImage"))!;
    expect(pull.Resource).toEqual([expect.stringMatching(/^\$\{data\.aws_ecr_repository\.host_image_repository_[\w-]+\.arn\}$/), expect.stringMatching(/^\$\{data\.aws_ecr_repository\.host_image-worker_repository_[\w-]+\.arn\}$/)]);
  });

  it("lets the host read every service's secrets, each ARN once", () => {
    const statements = hostStatements({ secrets: { DB_URL: SSM_ARN }, services: [DB, { ...WORKER, secrets: { DB_URL: SSM_ARN } }] });
    expect(statements.filter((s) => s.Sid === "ReadAppParameters" || s.Sid === "ReadAppSecrets").map((s) => s.Resource)).toEqual([[SSM_ARN], [SECRET_ARN]]);
  });

  it("writes every service into one compose file, publishing only the public service", () => {
    const compose = parse(base64(parameters({ services: [DB, WORKER] }).compose!)) as { services: Record<string, { ports?: string[] }> };
    expect(Object.entries(compose.services).map(([name, s]) => [name, s.ports])).toEqual([
      ["web", ["80:8080"]],
      ["db", undefined],
      ["worker", undefined],
    ]);
  });

  it("lists every service's secret references in the release", () => {
    expect(base64(parameters({ secrets: { DB_URL: SSM_ARN }, services: [DB] }).secrets!)).toBe(`DB_URL=${SSM_ARN}\nPOSTGRES_PASSWORD=${SECRET_ARN}\n`);
  });

  it("names the public service serviceName in the compose file and the proxy's Caddyfile", () => {
    const p = parameters({ serviceName: "app", https: { domain: "shop.example.com" } });
    expect([Object.keys((parse(base64(p.compose!)) as { services: object }).services), base64(p.caddyfile!)]).toEqual([["app", "proxy"], "shop.example.com {\n\treverse_proxy app:8080\n}\n"]);
  });
});

describe("Ec2Host with several services fails", () => {
  it("when a service name is not a DNS label", () => {
    expect(failure({ services: [{ ...DB, name: "Db_1" }] })).toBe('stack/host: services[0].name must be 1-20 lower case letters, digits and single hyphens, starting with a letter, got "Db_1"');
  });

  it("when serviceName is not a DNS label", () => {
    expect(failure({ serviceName: "web-" })).toBe('stack/host: serviceName must be 1-20 lower case letters, digits and single hyphens, starting with a letter, got "web-"');
  });

  it("when two services share a name", () => {
    expect(failure({ services: [DB, { ...WORKER, name: "db" }] })).toBe('stack/host: services[1].name "db" is used twice: each service of the host needs its own name');
  });

  it("when a service is named like the public service", () => {
    expect(failure({ services: [{ ...DB, name: "web" }] })).toBe('stack/host: services[0].name "web" is used twice: each service of the host needs its own name');
  });

  it('when a service is named "proxy" with HTTPS', () => {
    expect(failure({ https: { domain: "shop.example.com" }, services: [{ ...DB, name: "proxy" }] })).toBe('stack/host: services[0].name "proxy" is the HTTPS proxy\'s service name: choose another name');
  });

  it("when a dependency names no service of the host", () => {
    expect(failure({ dependsOn: { cache: "started" }, services: [DB] })).toBe('stack/host: dependsOn names "cache", which is no service of the host (web, db): name another service');
  });

  it("when a service depends on itself", () => {
    expect(failure({ services: [{ ...DB, dependsOn: { db: "started" } }] })).toBe('stack/host: services[0].dependsOn names "db", which is the service itself: name another service');
  });

  it("when dependencies close a cycle", () => {
    expect(failure({ dependsOn: { db: "healthy" }, services: [{ ...DB, dependsOn: { web: "started" } }] })).toBe(
      "stack/host: dependsOn closes a cycle (web → db → web): none of these services could start first; remove one of these dependencies",
    );
  });

  it("when one volume is mounted with two owners", () => {
    expect(failure({ volumes: [{ name: "db-data", path: "/data" }], services: [DB] })).toBe(
      'stack/host: volume "db-data" is mounted by several services with different owners (1000:1000 and 999:999): it is one directory with one owner; give every mount the same uid and gid',
    );
  });

  it("when one secret name reads two ARNs", () => {
    expect(failure({ secrets: { POSTGRES_PASSWORD: SSM_ARN }, services: [DB] })).toBe(
      `stack/host: secret POSTGRES_PASSWORD reads ${SSM_ARN} in one service and ${SECRET_ARN} in another: the host fetches each secret name once for all services; rename one of the variables`,
    );
  });

  it("when another service's image reference is malformed", () => {
    expect(failure({ services: [{ ...DB, image: { uri: "postgres latest" } }] })).toMatch(/^stack\/host: services\[0\]\.image\.uri must be /);
  });

  it("when another service's secret name is reserved on the host", () => {
    expect(failure({ services: [{ ...DB, secrets: { PATH: SSM_ARN } }] })).toBe(
      'stack/host: services[0].secret name "PATH" is reserved on the host: secrets are exported to docker compose, where PATH would change how it runs; rename the variable',
    );
  });

  it("when another service's volumes repeat a name", () => {
    expect(failure({ services: [{ ...DB, volumes: [{ name: "a", path: "/a" }, { name: "a", path: "/b" }] }] })).toBe('stack/host: services[0].volumes[1].name "a" is used twice: volume names must be unique');
  });

  it("when another service's container health check is out of ECS's ranges", () => {
    expect(failure({ services: [{ ...DB, containerHealthCheck: { command: ["CMD", "pg_isready"], retries: 11 } }] })).toMatch(/^stack\/host: services\[0\]\.containerHealthCheck\.retries /);
  });

  it("when another service's container health check interval is not shorter than the update timeout", () => {
    expect(failure({ updateTimeoutSeconds: 60, services: [{ ...DB, containerHealthCheck: { command: ["CMD", "pg_isready"], intervalSeconds: 60 } }] })).toBe(
      "stack/host: updateTimeoutSeconds (60) must be longer than services[0].containerHealthCheck.intervalSeconds (60): Docker runs the first check one interval after the container starts, and every update would roll back before it; raise updateTimeoutSeconds or shorten the interval",
    );
  });

  it("accepts an interval one second shorter than the update timeout", () => {
    expect(() => synthHost({ updateTimeoutSeconds: 61, services: [{ ...DB, containerHealthCheck: { command: ["CMD", "pg_isready"], intervalSeconds: 60 } }] })).not.toThrow();
  });
});
