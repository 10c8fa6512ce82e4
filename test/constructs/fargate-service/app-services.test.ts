import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { FargateService, ServiceNamespace, type FargateServiceProps } from "../../../constructs/fargate-service";
import { LoadBalancer } from "../../../constructs/load-balancer";
import { CERTIFICATE_ARN, errorOf } from "../../helpers";

/**
 * Several FargateServices of one app: one cluster, Service Connect names in one Cloud Map
 * namespace, security group rules only where a service is allowed in, creation order.
 */

const DIGEST = `sha256:${"a".repeat(64)}`;
const image = (name: string) => `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/${name}@${DIGEST}`;
const BASE = { region: "eu-west-1", vpcId: "vpc-0abc1234", subnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] };

type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface App {
  readonly web: FargateService;
  readonly api: FargateService;
  readonly db: FargateService;
  readonly worker: FargateService;
}

/** web (load balanced) → api (port 9000) → db (port 5432); worker (no port) → api. */
function synthApp(more: (app: App, scope: Construct) => void = () => undefined, webProps: Partial<FargateServiceProps> = {}) {
  const json = Testing.synthScope((scope) => {
    const namespace = new ServiceNamespace(scope, "namespace", { name: "shop-dev" });
    const serviceConnect = { namespaceArn: namespace.arn };
    const lb = new LoadBalancer(scope, "alb", {
      name: "shop-dev",
      vpcId: BASE.vpcId,
      subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
      https: { certificateArn: CERTIFICATE_ARN },
      targetPort: 8080,
      healthCheck: { path: "/" },
    });
    const web = new FargateService(scope, "service", { ...BASE, name: "shop-dev", loadBalancer: lb, serviceConnect, container: { name: "web", image: image("web") }, ...webProps });
    const cluster = web.cluster;
    const api = new FargateService(scope, "service-api", { ...BASE, name: "shop-dev-api", cluster, serviceConnect, container: { name: "api", image: image("api"), port: 9000 } });
    const db = new FargateService(scope, "service-db", {
      ...BASE,
      name: "shop-dev-db",
      cluster,
      serviceConnect,
      minHealthyPercent: 0,
      maxPercent: 100,
      volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
      container: { name: "db", image: "public.ecr.aws/docker/library/postgres:17", port: 5432 },
    });
    const worker = new FargateService(scope, "service-worker", { ...BASE, name: "shop-dev-worker", cluster, serviceConnect, container: { name: "worker", image: image("worker") } });
    more({ web, api, db, worker }, scope);
  });
  const resources = JSON.parse(json).resource as Resources;
  const byId = (type: string, id: string) => {
    // A logical id is the construct path joined with "_", then a hash: "service-db_sg_A056504E".
    const found = Object.entries(resources[type] ?? {}).find(([key]) => key.replace(/_[0-9A-F]{8}$/, "") === id);
    if (!found) throw new Error(`no ${type} with an id starting ${id} in ${Object.keys(resources[type] ?? {}).join(", ")}`);
    return found[1];
  };
  const all = (type: string) => Object.entries(resources[type] ?? {});
  const containers = (service: string) => JSON.parse(byId("aws_ecs_task_definition", `${service}_task`).container_definitions as string) as Record<string, unknown>[];
  return { resources, byId, all, containers };
}

/** The ECS service of the FargateService `id` (cdktf drops the repeated "service" of the public one's path service/service). */
const ecsService = (app: ReturnType<typeof synthApp>, id: string) => app.byId("aws_ecs_service", id === "service" ? "service" : `${id}_service`);

describe("FargateService: several services of one app", () => {
  it("creates one cluster, which every service runs in", () => {
    const app = synthApp();
    expect([app.all("aws_ecs_cluster").length, ...["service", "service-api", "service-db", "service-worker"].map((id) => ecsService(app, id).cluster)]).toEqual([
      1,
      ...Array(4).fill("${aws_ecs_cluster.service_cluster_B81F1F5D.arn}"),
    ]);
  });

  it("creates one Cloud Map HTTP namespace named after the app and stage", () => {
    expect(synthApp().all("aws_service_discovery_http_namespace").map(([, r]) => r.name)).toEqual(["shop-dev"]);
  });

  it("a service with a port serves Service Connect by its container's name on that port", () => {
    expect(ecsService(synthApp(), "service-db").service_connect_configuration).toMatchObject({
      enabled: true,
      namespace: "${aws_service_discovery_http_namespace.namespace_67941C3A.arn}",
      service: [{ port_name: "db", discovery_name: "db", client_alias: { port: 5432, dns_name: "db" } }],
    });
  });

  it("names the served port mapping after the container and gives it no appProtocol (plain TCP, which a database's port needs)", () => {
    expect(synthApp().containers("service-db")[0]!.portMappings).toEqual([{ name: "db", containerPort: 5432, protocol: "tcp" }]);
  });

  it("a worker (no port) is a Service Connect client only: it serves nothing", () => {
    const sc = ecsService(synthApp(), "service-worker").service_connect_configuration as Record<string, unknown>;
    expect([sc.enabled, sc.service]).toEqual([true, undefined]);
  });

  it("a worker's task maps no port", () => {
    expect(synthApp().containers("service-worker")[0]!.portMappings).toBeUndefined();
  });

  it("the load-balanced service serves Service Connect on its target port too", () => {
    expect((ecsService(synthApp(), "service").service_connect_configuration as { service: unknown }).service).toEqual([{ port_name: "web", discovery_name: "web", client_alias: { port: 8080, dns_name: "web" } }]);
  });

  it("the Service Connect proxy logs to the service's own log group, under service-connect/", () => {
    const app = synthApp();
    expect((ecsService(app, "service-api").service_connect_configuration as { log_configuration: unknown }).log_configuration).toEqual({
      log_driver: "awslogs",
      options: { "awslogs-group": "${aws_cloudwatch_log_group.service-api_logs_D15519F2.name}", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "service-connect" },
    });
  });

  it("a service without a load balancer has no load_balancer block", () => {
    expect(ecsService(synthApp(), "service-api").load_balancer).toBeUndefined();
  });

  it("a service without a load balancer sets no health check grace period (ECS CreateService takes one only with a load balancer)", () => {
    expect(ecsService(synthApp(), "service-api").health_check_grace_period_seconds).toBeUndefined();
  });

  it("a service with a volume deploys by stopping its one task before starting the next (minimum 0 %, maximum 100 %)", () => {
    const db = ecsService(synthApp(), "service-db");
    expect([db.desired_count, db.deployment_minimum_healthy_percent, db.deployment_maximum_percent]).toEqual([1, 0, 100]);
  });

  it("names each service's security group, roles, log group and task family after it", () => {
    const app = synthApp();
    expect([
      app.byId("aws_security_group", "service-db_sg").name,
      app.byId("aws_iam_role", "service-db_roles_execution").name,
      app.byId("aws_iam_role", "service-db_roles_task").name,
      app.byId("aws_cloudwatch_log_group", "service-db_logs").name,
      app.byId("aws_ecs_task_definition", "service-db_task").family,
    ]).toEqual(["shop-dev-db-tasks", "shop-dev-db-execution", "shop-dev-db-task", "/berth/shop-dev-db", "shop-dev-db"]);
  });
});

describe("FargateService.allowFrom", () => {
  const allowed = () =>
    synthApp(({ web, api, db, worker }) => {
      api.allowFrom(web);
      api.allowFrom(worker);
      db.allowFrom(api);
    });
  const rulesOf = (app: ReturnType<typeof synthApp>, type: string, group: string) =>
    app
      .all(type)
      .map(([, r]) => r)
      .filter((r) => r.security_group_id === `\${aws_security_group.${group}.id}`)
      .map((r) => ({ port: r.from_port, to: r.to_port, protocol: r.ip_protocol, peer: r.referenced_security_group_id ?? r.cidr_ipv4 }));
  const sg = (app: ReturnType<typeof synthApp>, id: string) => Object.keys(app.resources.aws_security_group!).find((key) => key.startsWith(`${id}_sg`))!;

  it("admits the database's port only from the services allowed in", () => {
    const app = allowed();
    expect(rulesOf(app, "aws_vpc_security_group_ingress_rule", sg(app, "service-db"))).toEqual([{ port: 5432, to: 5432, protocol: "tcp", peer: `\${aws_security_group.${sg(app, "service-api")}.id}` }]);
  });

  it("admits a service's port from each service allowed in, one rule each", () => {
    const app = allowed();
    const peers = rulesOf(app, "aws_vpc_security_group_ingress_rule", sg(app, "service-api")).map((r) => r.peer);
    expect(peers.sort()).toEqual([`\${aws_security_group.${sg(app, "service-worker")}.id}`, `\${aws_security_group.${sg(app, "service")}.id}`].sort());
  });

  it("lets the client's tasks out to the service's port, beside its HTTPS egress", () => {
    const app = allowed();
    expect(rulesOf(app, "aws_vpc_security_group_egress_rule", sg(app, "service-worker"))).toEqual([
      { port: 443, to: 443, protocol: "tcp", peer: "0.0.0.0/0" },
      { port: 9000, to: 9000, protocol: "tcp", peer: `\${aws_security_group.${sg(app, "service-api")}.id}` },
    ]);
  });

  it("describes each rule by the service it admits or reaches", () => {
    const app = allowed();
    const descriptions = (type: string, group: string) => app.all(type).map(([, r]) => r).filter((r) => r.security_group_id === `\${aws_security_group.${group}.id}` && r.referenced_security_group_id !== undefined).map((r) => r.description);
    expect([descriptions("aws_vpc_security_group_ingress_rule", sg(app, "service-db")), descriptions("aws_vpc_security_group_egress_rule", sg(app, "service-api"))]).toEqual([
      ["Port 5432 from the service service-api"],
      ["To the service service-db on port 5432"],
    ]);
  });

  it("says in a load-balancer-less service's security group that only the services allowed in reach it", () => {
    expect(synthApp().byId("aws_security_group", "service-db_sg")!.description).toBe("Tasks of shop-dev-db: the app port from the services allowed in only");
  });

  it("a service nobody is allowed into admits nothing", () => {
    const app = synthApp();
    expect(rulesOf(app, "aws_vpc_security_group_ingress_rule", sg(app, "service-db"))).toEqual([]);
  });

  it("refuses to allow into a service that listens on no port", () => {
    expect(errorOf(() => synthApp(({ web, worker }) => worker.allowFrom(web)))).toBe(
      "stack/service-worker: stack/service cannot be allowed in: this service listens on no port (give container.port, or a load balancer)",
    );
  });
});

describe("FargateService.startAfter", () => {
  it("creates the service after the one it starts after", () => {
    const app = synthApp(({ api, db }) => api.startAfter(db));
    expect(ecsService(app, "service-api").depends_on).toContain(`aws_ecs_service.${Object.keys(app.resources.aws_ecs_service!).find((key) => key.startsWith("service-db_service"))}`);
  });

  it("without a load balancer or volumes, waits only for the cluster's capacity providers and its roles' permissions", () => {
    const app = synthApp();
    const id = (type: string, prefix: string) => `${type}.${Object.keys(app.resources[type]!).find((key) => key.replace(/_[0-9A-F]{8}$/, "") === prefix)}`;
    expect(ecsService(app, "service-api").depends_on).toEqual([id("aws_ecs_cluster_capacity_providers", "service_capacity-providers"), id("aws_iam_role_policy", "service-api_roles_execution-policy")]);
  });

  it("keeps what the service waited for already (its roles' permissions)", () => {
    const app = synthApp(({ api, db }) => api.startAfter(db));
    expect((ecsService(app, "service-api").depends_on as string[]).some((d) => d.startsWith("aws_iam_role_policy.service-api_roles_execution-policy"))).toBe(true);
  });
});

describe("FargateService without a load balancer, autoscaled", () => {
  it("tracks CPU and memory (no request count to track)", () => {
    const json = Testing.synthScope((scope) => new FargateService(scope, "service", { ...BASE, name: "shop-dev-api", container: { name: "api", image: image("api"), port: 9000 }, autoscaling: { minCount: 1, maxCount: 4 } }));
    const policies = Object.values((JSON.parse(json) as { resource: Resources }).resource.aws_appautoscaling_policy!).map((p) => (p.target_tracking_scaling_policy_configuration as { predefined_metric_specification: { predefined_metric_type: string } }).predefined_metric_specification.predefined_metric_type);
    expect(policies.sort()).toEqual(["ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization"]);
  });
});

describe("FargateService with ECS Exec and a cluster it did not create with a log group", () => {
  it("logs a service's sessions to its own group in an existing cluster", () => {
    const json = Testing.synthScope(
      (scope) => new FargateService(scope, "service", { ...BASE, name: "shop-dev-api", clusterName: "platform", ecsExec: true, container: { name: "api", image: image("api"), port: 9000, readonlyRootFilesystem: false } }),
    );
    const resources = (JSON.parse(json) as { resource: Resources }).resource;
    const policy = JSON.parse(Object.values(resources.aws_iam_role_policy!).find((p) => String(p.name) === "app")!.policy as string) as { Statement: { Sid?: string; Resource: unknown }[] };
    expect(policy.Statement.find((s) => s.Sid === "EcsExecSessionLogs")!.Resource).toBe(`\${aws_cloudwatch_log_group.${Object.keys(resources.aws_cloudwatch_log_group!)[0]}.arn}:*`);
  });
});

describe("FargateService with a shared cluster and ECS Exec", () => {
  it("lets a service's sessions log to the group the shared cluster names", () => {
    const app = synthApp(
      (_, scope) => {
        new FargateService(scope, "service-admin", {
          ...BASE,
          name: "shop-dev-admin",
          cluster: (scope.node.findChild("service") as FargateService).cluster,
          ecsExec: true,
          container: { name: "admin", image: image("admin"), readonlyRootFilesystem: false },
        });
      },
      { ecsExec: true, container: { name: "web", image: image("web"), readonlyRootFilesystem: false } },
    );
    const policy = JSON.parse(app.byId("aws_iam_role_policy", "service-admin_roles_task-policy").policy as string) as { Statement: { Sid?: string; Resource: unknown }[] };
    expect(policy.Statement.find((s) => s.Sid === "EcsExecSessionLogs")!.Resource).toBe("${aws_cloudwatch_log_group.service_logs_687FB03D.arn}:*");
  });
});

describe("FargateService refusals of an app's services", () => {
  const lb = (scope: Construct) =>
    new LoadBalancer(scope, "alb", { name: "shop-dev", vpcId: BASE.vpcId, subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], https: { certificateArn: CERTIFICATE_ARN }, targetPort: 8080, healthCheck: { path: "/" } });
  const one = (props: Partial<FargateServiceProps> & { withLoadBalancer?: boolean }) =>
    errorOf(() =>
      Testing.synthScope((scope) => {
        const { withLoadBalancer, ...rest } = props;
        new FargateService(scope, "service", { ...BASE, name: "shop-dev", container: { name: "web", image: image("web") }, ...(withLoadBalancer ? { loadBalancer: lb(scope) } : {}), ...rest });
      }),
    );

  it("refuses a container port that differs from the load balancer's target port", () => {
    expect(one({ withLoadBalancer: true, container: { name: "web", image: image("web"), port: 3000 } })).toBe(
      "stack/service: container.port is 3000 but the load balancer's targetPort is 8080: behind a load balancer the container listens on its target port; leave container.port out",
    );
  });

  it("refuses container port 0 (a port is 1-65535)", () => {
    expect(one({ container: { name: "api", image: image("api"), port: 0 } })).toBe("stack/service: container.port must be a whole number from 1 to 65535, got 0");
  });

  it("refuses container port 65536 (a port is 1-65535)", () => {
    expect(one({ container: { name: "api", image: image("api"), port: 65536 } })).toBe("stack/service: container.port must be a whole number from 1 to 65535, got 65536");
  });

  it("accepts container ports 1 and 65535", () => {
    expect([1, 65535].map((port) => Testing.synthScope((scope) => new FargateService(scope, "service", { ...BASE, name: "shop-dev", container: { name: "api", image: image("api"), port } })).length > 0)).toEqual([true, true]);
  });

  it("refuses a cluster and a clusterName at once", () => {
    expect(one({ clusterName: "platform", cluster: { arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/platform", name: "platform", dependables: [], existing: true } })).toBe(
      'stack/service: cluster and clusterName ("platform") are both given: a service runs in one cluster; give one of them',
    );
  });

  it("refuses Fargate Spot in a shared cluster that is an existing one", () => {
    expect(one({ capacity: { fargate: 1, spot: 1 }, cluster: { arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/platform", name: "platform", dependables: [], existing: true } })).toBe(
      "stack/service: capacity.spot is 1 but the cluster given is an existing one: a service may use FARGATE_SPOT only where the cluster has it as a capacity provider, which cannot be checked here; set capacity.spot to 0, or share a cluster berth creates",
    );
  });

  it("refuses request-count autoscaling without a load balancer", () => {
    expect(one({ container: { name: "api", image: image("api"), port: 9000 }, autoscaling: { minCount: 1, maxCount: 3, requestsPerTarget: 100 } })).toBe(
      "stack/service: autoscaling.requestsPerTarget is 100 but the service has no load balancer to count requests: track cpuPercent or memoryPercent instead",
    );
  });
});

describe("ServiceNamespace", () => {
  const named = (name: string) => errorOf(() => Testing.synthScope((scope) => new ServiceNamespace(scope, "namespace", { name })));

  it("refuses an empty name (Cloud Map CreateHttpNamespace: 1-1024 characters)", () => {
    expect(named("")).toBe('stack/namespace: name must be 1-1024 characters and not start with "arn:" (Cloud Map CreateHttpNamespace), got ""');
  });

  it("refuses a name of 1025 characters (Cloud Map CreateHttpNamespace: 1-1024 characters)", () => {
    expect(named("a".repeat(1025))).toMatch(/^stack\/namespace: name must be 1-1024 characters/);
  });

  it("accepts names of 1 and 1024 characters", () => {
    const nameOf = (name: string) => Object.values((JSON.parse(Testing.synthScope((scope) => new ServiceNamespace(scope, "namespace", { name }))) as { resource: Resources }).resource.aws_service_discovery_http_namespace!)[0]!.name as string;
    expect(["a", "a".repeat(1024)].map((name) => nameOf(name).length)).toEqual([1, 1024]);
  });

  it('refuses a name starting with "arn:" (Cloud Map reads it as an ARN)', () => {
    expect(named("arn:shop")).toBe('stack/namespace: name must be 1-1024 characters and not start with "arn:" (Cloud Map CreateHttpNamespace), got "arn:shop"');
  });
});
