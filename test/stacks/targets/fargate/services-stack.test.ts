import { Testing } from "cdktf";
import { resolveConfig } from "../../../../stacks/spec/resolve";
import { validateConfig } from "../../../../stacks/spec/validate";
import { FargateStack } from "../../../../stacks/targets/fargate/stack";
import { CERTIFICATE_ARN, CONTENT_TAG, testApp } from "../../../helpers";

/** The fargate stack of an app of several services: each an ECS service, reaching the ones it depends on by name. */

const SPEC = {
  app: "shop",
  region: "eu-west-1",
  targets: ["fargate"],
  fargate: { https: { certificateArn: CERTIFICATE_ARN } },
  services: {
    web: { image: { context: "./web" }, port: 8080, expose: "public", dependsOn: { api: "started" } },
    api: { image: { context: "./api" }, port: 9000, expose: "internal", dependsOn: { db: "healthy" } },
    db: {
      image: { uri: "public.ecr.aws/docker/library/postgres:17" },
      port: 5432,
      expose: "internal",
      volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
      containerHealthCheck: { command: ["CMD", "pg_isready"] },
    },
    worker: { image: { context: "./api" }, command: ["worker"], dependsOn: { api: "started" } },
  },
};

type Resource = Record<string, unknown>;

function synth(spec: Record<string, unknown> = SPEC) {
  const builds = new Map(["web", "api", "worker", "admin"].map((name) => [name, { contentTag: CONTENT_TAG }]));
  const parsed = JSON.parse(Testing.synth(new FargateStack(testApp(), resolveConfig(validateConfig(spec, "spec"), "/work/app"), builds))) as { resource: Record<string, Record<string, Resource>>; data: Record<string, Record<string, Resource>> };
  const of = (type: string) => parsed.resource[type] ?? {};
  /** The resource of `type` whose logical id is `id` and a hash. */
  const byId = (type: string, id: string) => Object.entries(of(type)).find(([key]) => key.replace(/_[0-9A-F]{8}$/, "") === id)?.[1];
  const sgRef = (id: string) => `\${aws_security_group.${Object.keys(of("aws_security_group")).find((key) => key.replace(/_[0-9A-F]{8}$/, "") === `${id}_sg`)}.id}`;
  return { parsed, of, byId, sgRef };
}

describe("FargateStack of several services", () => {
  it("runs each service as an ECS service of its own, named <app>-<stage>[-<service>]", () => {
    expect(Object.values(synth().of("aws_ecs_service")).map((s) => s.name).sort()).toEqual(["shop-dev", "shop-dev-api", "shop-dev-db", "shop-dev-worker"]);
  });

  it("puts only the public service behind the load balancer", () => {
    expect(Object.values(synth().of("aws_ecs_service")).filter((s) => s.load_balancer !== undefined).map((s) => s.name)).toEqual(["shop-dev"]);
  });

  it("gives the services one Cloud Map namespace for Service Connect, named <app>-<stage>", () => {
    expect(Object.values(synth().of("aws_service_discovery_http_namespace")).map((n) => n.name)).toEqual(["shop-dev"]);
  });

  it("lets the database's port in only from the service that depends on it", () => {
    const s = synth();
    const intoDb = Object.values(s.of("aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === s.sgRef("service-db"));
    expect(intoDb.map((r) => [r.from_port, r.referenced_security_group_id])).toEqual([[5432, s.sgRef("service-api")]]);
  });

  it("lets the api's port in from each service that depends on it, and from nothing else", () => {
    const s = synth();
    const intoApi = Object.values(s.of("aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === s.sgRef("service-api"));
    expect(intoApi.map((r) => r.referenced_security_group_id).sort()).toEqual([s.sgRef("service"), s.sgRef("service-worker")].sort());
  });

  it("creates a service after the services it depends on", () => {
    const s = synth();
    const ecsId = (id: string) => `aws_ecs_service.${Object.keys(s.of("aws_ecs_service")).find((key) => key.replace(/_[0-9A-F]{8}$/, "") === id)}`;
    expect([s.byId("aws_ecs_service", "service-api_service")!.depends_on, s.byId("aws_ecs_service", "service")!.depends_on]).toEqual([
      expect.arrayContaining([ecsId("service-db_service")]),
      expect.arrayContaining([ecsId("service-api_service")]),
    ]);
  });

  it("replaces the database's one task stop-first (minimum 0 %, maximum 100 %)", () => {
    const db = synth().byId("aws_ecs_service", "service-db_service")!;
    expect([db.desired_count, db.deployment_minimum_healthy_percent, db.deployment_maximum_percent]).toEqual([1, 0, 100]);
  });

  it("keeps the app-wide deployment percentages for a stateless service (100 % and 200 % by default)", () => {
    const api = synth().byId("aws_ecs_service", "service-api_service")!;
    expect([api.deployment_minimum_healthy_percent, api.deployment_maximum_percent]).toEqual([100, 200]);
  });

  it("gives the database its own EFS file system", () => {
    expect(Object.keys(synth().of("aws_efs_file_system")).map((key) => key.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["service-db_efs"]);
  });

  it("looks up each built service's image in its own repository, <app>-<stage>/<service>", () => {
    expect(Object.values(synth().parsed.data.aws_ecr_image!).map((d) => d.repository_name).sort()).toEqual(["shop-dev/api", "shop-dev/web", "shop-dev/worker"]);
  });

  it("runs an image given by URI as written", () => {
    const task = synth().byId("aws_ecs_task_definition", "service-db_task")!;
    expect((JSON.parse(task.container_definitions as string) as { image: string }[])[0]!.image).toBe("public.ecr.aws/docker/library/postgres:17");
  });

  it("keeps a single-service app's stack free of Service Connect", () => {
    const single = { ...SPEC, services: { web: { image: { context: "./web" }, port: 8080, expose: "public" } } };
    const s = synth(single);
    expect([Object.keys(s.of("aws_service_discovery_http_namespace")).length, Object.values(s.of("aws_ecs_service"))[0]!.service_connect_configuration]).toEqual([0, undefined]);
  });
});

/** web, and admin: a public service routed by host name, with a health check of its own. */
const ROUTED = {
  ...SPEC,
  services: {
    web: { image: { context: "./web" }, port: 8080, expose: "public" },
    admin: { image: { context: "./api" }, port: 9000, expose: "public", route: { host: "admin.example.com" }, healthCheck: { path: "/up", gracePeriodSeconds: 45 } },
  },
};

describe("FargateStack with a routed public service", () => {
  const albGroup = (s: ReturnType<typeof synth>) => `\${aws_security_group.${Object.keys(s.of("aws_security_group")).find((key) => key.startsWith("alb_sg_"))}.id}`;

  it("registers the routed service in its route's target group, on its port", () => {
    const s = synth(ROUTED);
    const admin = Object.values(s.of("aws_ecs_service")).find((x) => x.name === "shop-dev-admin")!;
    const group = Object.keys(s.of("aws_lb_target_group")).find((key) => key.startsWith("alb_route-admin_targets_"));
    expect(admin.load_balancer).toEqual([{ container_name: "admin", container_port: 9000, target_group_arn: `\${aws_lb_target_group.${group}.arn}` }]);
  });

  it("gives the routed service its own health check grace period", () => {
    const admin = Object.values(synth(ROUTED).of("aws_ecs_service")).find((x) => x.name === "shop-dev-admin")!;
    expect(admin.health_check_grace_period_seconds).toBe(45);
  });

  it("lets the routed service's port in from the load balancer's security group only", () => {
    const s = synth(ROUTED);
    const intoAdmin = Object.values(s.of("aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === s.sgRef("service-admin"));
    expect(intoAdmin.map((r) => [r.from_port, r.to_port, r.referenced_security_group_id])).toEqual([[9000, 9000, albGroup(s)]]);
  });

  it("lets the load balancer's security group send to the routed service on its port", () => {
    const s = synth(ROUTED);
    const toAdmin = Object.values(s.of("aws_vpc_security_group_egress_rule")).filter((r) => r.referenced_security_group_id === s.sgRef("service-admin"));
    expect(toAdmin.map((r) => [r.security_group_id, r.from_port, r.to_port])).toEqual([[albGroup(s), 9000, 9000]]);
  });

  it("probes the routed service's target group at its own health check path", () => {
    const s = synth(ROUTED);
    const group = Object.entries(s.of("aws_lb_target_group")).find(([key]) => key.startsWith("alb_route-admin_targets_"))![1];
    expect((group.health_check as Resource).path).toBe("/up");
  });
});

