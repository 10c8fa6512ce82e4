import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Testing } from "cdktf";
import type { ImageBuilds } from "../../../../stacks/images";
import { FargateStack } from "../../../../stacks/targets/fargate/stack";
import { CERTIFICATE_ARN, CONTENT_TAG, errorOf, resolved, testApp, webBuild } from "../../../helpers";

const DIGEST = `sha256:${"b".repeat(64)}`;
const REPO_URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web";

function synth(overrides: Record<string, unknown> = {}, builds: ImageBuilds = webBuild()) {
  const stack = new FargateStack(testApp(), resolved(overrides), builds);
  const json = Testing.synth(stack);
  const parsed = JSON.parse(json);
  const all = (type: string) => Object.values((parsed.resource[type] ?? {}) as Record<string, Record<string, unknown>>);
  const web = () => JSON.parse(all("aws_ecs_task_definition")[0]!.container_definitions as string)[0] as Record<string, unknown>;
  return { stack, json, parsed, all, web };
}

describe("FargateStack from the spec", () => {
  it("is named <app>-<stage>-fargate", () => {
    expect(synth().stack.node.id).toBe("shop-dev-fargate");
  });

  it("pins the published image by digest", () => {
    const published = { image: "web", region: "eu-west-1", repositoryUri: REPO_URI, digest: DIGEST, platform: "linux/amd64", tags: [], contentHash: "0".repeat(64), pushedAt: "2026-11-27T00:00:00Z" } as const;
    expect(synth({}, webBuild(published)).web().image).toBe(`${REPO_URI}@${DIGEST}`);
  });

  it("without a published image: the digest its content tag resolves to at plan time", () => {
    expect(synth().web().image).toMatch(/^\$\{data\.aws_ecr_repository\.[\w-]+\.repository_url\}@\$\{data\.aws_ecr_image\.[\w-]+\.image_digest\}$/);
  });

  it("without a published image: looks up the content tag in <app>-<stage>/web, never the most recent image", () => {
    expect(Object.values(synth().parsed.data.aws_ecr_image)).toEqual([{ repository_name: "shop-dev/web", image_tag: CONTENT_TAG }]);
  });

  it("fails when no build is known for the image", () => {
    expect(errorOf(() => synth({}, new Map()))).toBe(
      'No build is known for image "web": synthesize through berth (npm run synth or npx cdktf synth), which computes each image\'s content tag.',
    );
  });

  it("uses an existing image URI as given, with no ECR pull permission", () => {
    const { web, all } = synth({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } });
    const execution = all("aws_iam_role_policy").find((p) => String(p.role).includes("execution"))!;
    expect(web().image).toBe("public.ecr.aws/nginx/nginx:1.27");
    expect(execution.policy).not.toContain("ecr:");
  });

  it("runs ARM64 tasks for a linux/arm64 image", () => {
    expect(synth({ image: { context: ".", platform: "linux/arm64" } }).json).toHaveResourceWithProperties(EcsTaskDefinition, {
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "ARM64" },
    });
  });

  it("routes the ALB to the spec's port and health check path", () => {
    expect(synth({ port: 3000, healthCheck: { path: "/healthz" } }).json).toHaveResourceWithProperties(LbTargetGroup, {
      port: 3000,
      health_check: expect.objectContaining({ path: "/healthz" }),
    });
  });

  it("runs the service's containerHealthCheck in the app container with its own timing", () => {
    const containerHealthCheck = { command: ["CMD", "/ready"], intervalSeconds: 15, timeoutSeconds: 3, retries: 4, startPeriodSeconds: 20 };
    expect(synth({ containerHealthCheck }).web().healthCheck).toEqual({ command: ["CMD", "/ready"], interval: 15, timeout: 3, retries: 4, startPeriod: 20 });
  });

  it("applies the spec's default health check: / every 10 s, timeout 5, healthy 2, unhealthy 3, codes 200-399", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, {
      health_check: expect.objectContaining({ path: "/", interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: "200-399" }),
    });
  });

  it("applies the default deregistration delay of 30 s", () => {
    expect(synth().json).toHaveResourceWithProperties(LbTargetGroup, { deregistration_delay: "30" });
  });

  it("passes command, environment and secrets to the app container", () => {
    const arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db";
    expect(synth({ command: ["node", "server.js"], environment: { LOG_LEVEL: "info" }, secrets: { DB_URL: arn } }).web()).toMatchObject({
      command: ["node", "server.js"],
      environment: [{ name: "LOG_LEVEL", value: "info" }],
      secrets: [{ name: "DB_URL", valueFrom: arn }],
    });
  });

  it("passes the entrypoint to the app container", () => {
    expect(synth({ entrypoint: ["/bin/start"] }).web().entryPoint).toEqual(["/bin/start"]);
  });

  it("defaults to no command override, environment or secrets", () => {
    const web = synth().web();
    expect([web.command, web.environment, web.secrets]).toEqual([undefined, [], []]);
  });

  it("uses HTTPS with the given certificate", () => {
    const listeners = synth().all("aws_lb_listener").map((l) => [l.port, l.certificate_arn ?? null]);
    expect(listeners.sort()).toEqual([
      [443, CERTIFICATE_ARN],
      [80, null],
    ]);
  });

  it("serves plain HTTP only when asked, and notes it for the summary", () => {
    const { all, stack } = synth({ fargate: { plainHttp: true } });
    expect(all("aws_lb_listener").map((l) => [l.port, l.protocol])).toEqual([[80, "HTTP"]]);
    expect(stack.notes).toEqual(["shop-dev-fargate: serves plain HTTP (fargate.plainHttp): no TLS; set fargate.https for production"]);
  });

  it("creates its own VPC by default", () => {
    expect(synth().json).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16" });
  });

  it("uses an existing VPC and subnets when given", () => {
    const { json, all } = synth({
      network: { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], privateSubnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] },
    });
    expect(json).not.toHaveResource(Vpc);
    expect(all("aws_ecs_service")[0]!.network_configuration).toMatchObject({ subnets: ["subnet-0ccc3333", "subnet-0ddd4444"] });
  });

  it("puts an internal ALB in the private subnets", () => {
    const { all } = synth({
      fargate: { https: { certificateArn: CERTIFICATE_ARN }, internal: true },
      network: { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], privateSubnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] },
    });
    expect(all("aws_lb")[0]).toMatchObject({ internal: true, subnets: ["subnet-0ccc3333", "subnet-0ddd4444"] });
  });

  it("outputs the service URL, ALB DNS name, cluster, service, log group and repository URL", () => {
    expect(Object.keys(synth().parsed.output).sort()).toEqual(["alb_dns_name", "cluster_name", "log_group", "repository_url", "service_name", "service_url"]);
  });

  it("gives https://<domain> as the service URL for a domain", () => {
    const { parsed } = synth({ fargate: { https: { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } } });
    expect(parsed.output.service_url.value).toBe("https://shop.example.com");
  });

  it("fits the longest possible ALB name (20-character app, prod) in AWS's 32 characters unshortened", () => {
    expect(synth({ app: "a-rather-long-app-nm", stage: "prod", port: 65535 }).all("aws_lb")[0]!.name).toBe("a-rather-long-app-nm-prod");
  });

  it("names the target group only by a name_prefix and a Name tag of <app>-<stage>-<port> (the name itself is generated)", () => {
    const group = synth({ app: "a-rather-long-app-nm", stage: "prod", port: 65535 }).all("aws_lb_target_group")[0]!;
    expect([group.name, group.name_prefix, (group.tags as Record<string, string>).Name]).toEqual([undefined, "a-rat-", "a-rather-long-app-nm-prod-65535"]);
  });

  it("mounts the spec's volumes from EFS", () => {
    expect(synth({ volumes: [{ name: "uploads", path: "/srv/uploads" }] }).web().mountPoints).toContainEqual({ sourceVolume: "uploads", containerPath: "/srv/uploads", readOnly: false });
  });
});

describe("FargateStack: each fargate default of the spec, on the synthesized JSON", () => {
  const defaults = synth();
  const service = () => defaults.all("aws_ecs_service")[0]!;
  const lb = () => defaults.all("aws_lb")[0]!;

  it("image.platform linux/amd64: X86_64 tasks", () => {
    expect(defaults.json).toHaveResourceWithProperties(EcsTaskDefinition, { runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "X86_64" } });
  });
  it("internal false: internet-facing ALB in the public subnets", () => {
    expect([lb().internal, String((lb().subnets as string[])[0])]).toEqual([false, expect.stringContaining("public-0")]);
  });
  it("ingressCidrs: 0.0.0.0/0", () => {
    expect(defaults.all("aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv4).map((r) => r.cidr_ipv4)).toEqual(["0.0.0.0/0", "0.0.0.0/0"]);
  });
  it("idleTimeoutSeconds: 60", () => expect(lb().idle_timeout).toBe(60));
  it("accessLogsBucket: none", () => expect(lb()).not.toHaveProperty("access_logs"));
  it("clusterName: a new cluster named <app>-<stage>", () => expect(defaults.all("aws_ecs_cluster")[0]!.name).toBe("shop-dev"));
  it("minHealthyPercent 100, maxPercent 200", () => {
    expect([service().deployment_minimum_healthy_percent, service().deployment_maximum_percent]).toEqual([100, 200]);
  });
  it("waitForSteadyState: true", () => expect(service().wait_for_steady_state).toBe(true));
  it("ecsExec: false", () => expect(service().enable_execute_command).toBe(false));
  it("capacity: FARGATE only", () => expect(service().capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE", weight: 1 }]));
  it("autoscaling: none", () => expect(defaults.all("aws_appautoscaling_target")).toEqual([]));
  it("ephemeralStorageGiB: Fargate's 20 GiB (unset)", () => expect(defaults.all("aws_ecs_task_definition")[0]).not.toHaveProperty("ephemeral_storage"));
  it("readonlyRootFilesystem true, writablePaths /tmp", () => {
    expect([defaults.web().readonlyRootFilesystem, defaults.web().mountPoints]).toEqual([true, [{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }]]);
  });
  it("user: the image's (unset)", () => expect(defaults.web()).not.toHaveProperty("user"));
  it("containerHealthCheck: none", () => expect(defaults.web()).not.toHaveProperty("healthCheck"));
  it("stopTimeoutSeconds: 30", () => expect(defaults.web().stopTimeout).toBe(30));
  it("egress: HTTPS to anywhere", () => {
    const rules = defaults.all("aws_vpc_security_group_egress_rule").filter((r) => r.cidr_ipv4);
    expect(rules.map((r) => [r.from_port, r.cidr_ipv4])).toEqual([[443, "0.0.0.0/0"]]);
  });
  it("taskRolePolicy: none", () => {
    expect(defaults.all("aws_iam_role_policy").filter((p) => String(p.role).includes("roles_task"))).toEqual([]);
  });
  it("sidecars: none", () => expect(JSON.parse(defaults.all("aws_ecs_task_definition")[0]!.container_definitions as string)).toHaveLength(1));
  it("volumes: none, so no EFS", () => expect(defaults.all("aws_efs_file_system")).toEqual([]));
  it("network: a 2-AZ VPC without endpoints", () => {
    expect([defaults.all("aws_subnet").length, defaults.all("aws_vpc_endpoint").length]).toEqual([4, 0]);
  });
});

describe("FargateStack presets", () => {
  it.each([
    ["cpu", { cpu: "256", memory: "512" }, { cpu: "512", memory: "1024" }],
  ])("%s: 256/512 in dev, 512/1024 in prod", (_field, dev, prod) => {
    expect(synth().json).toHaveResourceWithProperties(EcsTaskDefinition, dev);
    expect(synth({ stage: "prod" }).json).toHaveResourceWithProperties(EcsTaskDefinition, prod);
  });

  it("desired count: 1 in dev, 2 in prod", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, { desired_count: 1 });
    expect(synth({ stage: "prod" }).json).toHaveResourceWithProperties(EcsService, { desired_count: 2 });
  });

  it("health check grace: 30 s in dev, 60 s in prod", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, { health_check_grace_period_seconds: 30 });
    expect(synth({ stage: "prod" }).json).toHaveResourceWithProperties(EcsService, { health_check_grace_period_seconds: 60 });
  });

  it("log retention: 14 days in dev, 90 in prod", () => {
    expect(synth().json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/berth/shop-dev", retention_in_days: 14 });
    expect(synth({ stage: "prod" }).json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/berth/shop-prod", retention_in_days: 90 });
  });

  it("ALB deletion protection: off in dev, on in prod", () => {
    expect(synth().json).toHaveResourceWithProperties(Lb, { enable_deletion_protection: false });
    expect(synth({ stage: "prod" }).json).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true });
  });

  it("NAT gateways: one in dev, one per AZ in prod", () => {
    expect([synth().all("aws_nat_gateway").length, synth({ stage: "prod" }).all("aws_nat_gateway").length]).toEqual([1, 2]);
  });
});

