import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { Testing } from "cdktf";
import { FargateService, type FargateServiceProps } from "../../../constructs/fargate-service";
import { LoadBalancer } from "../../../constructs/load-balancer";
import { CERTIFICATE_ARN, errorOf } from "../../helpers";
import { ACCEPTED_EDGES, REFUSED_EDGES } from "../../fixtures/ecs/health-check-ranges";

const REPO_ARN = "arn:aws:ecr:eu-west-1:123456789012:repository/shop-dev/web";
const SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db-url";
const SM_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-AbC123";

type Overrides = Partial<Omit<FargateServiceProps, "container">> & { container?: Partial<FargateServiceProps["container"]>; targetPort?: number };

function synth(overrides: Overrides = {}) {
  const { container, targetPort, ...rest } = overrides;
  const json = Testing.synthScope((scope) => {
    const lb = new LoadBalancer(scope, "alb", {
      name: "shop-dev",
      vpcId: "vpc-0abc1234",
      subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
      https: { certificateArn: CERTIFICATE_ARN },
      targetPort: targetPort ?? 8080,
      healthCheck: { path: "/" },
    });
    new FargateService(scope, "service", {
      name: "shop-dev",
      region: "eu-west-1",
      vpcId: "vpc-0abc1234",
      subnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"],
      loadBalancer: lb,
      repositoryArns: [REPO_ARN],
      container: { name: "web", image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web@sha256:${"a".repeat(64)}`, ...container },
      ...rest,
    });
  });
  const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
  const all = (type: string) => Object.values(resources[type] ?? {});
  const containers = () => JSON.parse(all("aws_ecs_task_definition")[0]!.container_definitions as string) as Record<string, unknown>[];
  const policy = (roleSuffix: string) => {
    const p = all("aws_iam_role_policy").find((r) => String(r.role).includes(roleSuffix));
    return p ? (JSON.parse(p.policy as string).Statement as { Sid?: string; Action: string | string[]; Resource: string | string[] }[]) : undefined;
  };
  return { json, all, containers, policy };
}

describe("FargateService task definition", () => {
  it("is a Fargate awsvpc task on Linux", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: "shop-dev",
      network_mode: "awsvpc",
      requires_compatibilities: ["FARGATE"],
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "X86_64" },
    });
  });

  it("defaults to 256 CPU units and 512 MiB", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsTaskDefinition, { cpu: "256", memory: "512" });
  });

  it("runs on ARM64 when asked", () => {
    expect(synth({ architecture: "ARM64" }).json).toHaveResourceWithProperties(EcsTaskDefinition, { runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "ARM64" } });
  });

  it("defaults to Fargate's own 20 GiB of ephemeral storage", () => {
    expect(synth().all("aws_ecs_task_definition")[0]).not.toHaveProperty("ephemeral_storage");
  });

  it("takes ephemeral storage from 21 to 200 GiB", () => {
    expect(synth({ ephemeralStorageGiB: 50 }).json).toHaveResourceWithProperties(EcsTaskDefinition, { ephemeral_storage: { size_in_gib: 50 } });
  });

  it("uses separate execution and task roles", () => {
    const td = synth().all("aws_ecs_task_definition")[0]!;
    expect([td.execution_role_arn, td.task_role_arn]).toEqual([
      expect.stringMatching(/^\$\{aws_iam_role\.service_roles_execution_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_iam_role\.service_roles_task_\w+\.arn\}$/),
    ]);
  });

  it("maps the container port over TCP", () => {
    expect(synth().containers()[0]!.portMappings).toEqual([{ containerPort: 8080, protocol: "tcp" }]);
  });

  it("listens on the load balancer's target port, the one port given", () => {
    const { containers, all } = synth({ targetPort: 3000 });
    expect([containers()[0]!.portMappings, (all("aws_ecs_service")[0]!.load_balancer as { container_port: number }[])[0]!.container_port]).toEqual([[{ containerPort: 3000, protocol: "tcp" }], 3000]);
  });

  it("pins the image it is given", () => {
    expect(synth().containers()[0]!.image).toBe(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web@sha256:${"a".repeat(64)}`);
  });

  it("defaults to a read-only root filesystem with a writable /tmp", () => {
    const { containers, all } = synth();
    expect([containers()[0]!.readonlyRootFilesystem, containers()[0]!.mountPoints]).toEqual([true, [{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }]]);
    expect(all("aws_ecs_task_definition")[0]!.volume).toEqual([{ name: "scratch-0" }]);
  });

  it("declares each writable path as task storage", () => {
    expect(synth({ container: { writablePaths: ["/tmp", "/var/cache/app"] } }).containers()[0]!.mountPoints).toEqual([
      { sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false },
      { sourceVolume: "scratch-1", containerPath: "/var/cache/app", readOnly: false },
    ]);
  });

  it("never runs privileged, and runs an init process", () => {
    expect(synth().containers()[0]).toMatchObject({ privileged: false, linuxParameters: { initProcessEnabled: true } });
  });

  it("defaults to a 30 s stop timeout and the image's user", () => {
    const web = synth().containers()[0]!;
    expect([web.stopTimeout, web.user]).toEqual([30, undefined]);
  });

  it("runs as the given non-root user", () => {
    expect(synth({ container: { user: "1000:1000" } }).containers()[0]!.user).toBe("1000:1000");
  });

  it("passes environment and secrets (valueFrom), sorted by name", () => {
    const web = synth({ container: { environment: { B: "2", A: "1" }, secrets: { DB_URL: SSM_ARN, API_KEY: SM_ARN } } }).containers()[0]!;
    expect([web.environment, web.secrets]).toEqual([
      [{ name: "A", value: "1" }, { name: "B", value: "2" }],
      [{ name: "API_KEY", valueFrom: SM_ARN }, { name: "DB_URL", valueFrom: SSM_ARN }],
    ]);
  });

  it("overrides the command when given", () => {
    expect(synth({ container: { command: ["httpd", "-f"] } }).containers()[0]!.command).toEqual(["httpd", "-f"]);
  });

  // ECS API Reference, ContainerDefinition: the field is `entryPoint`.
  it("overrides the entrypoint as the container's entryPoint when given", () => {
    expect(synth({ container: { entrypoint: ["/bin/start", "--migrate"] } }).containers()[0]!.entryPoint).toEqual(["/bin/start", "--migrate"]);
  });

  it("sets no entryPoint by default (the image's ENTRYPOINT runs)", () => {
    expect(synth().containers()[0]!).not.toHaveProperty("entryPoint");
  });

  it("logs to its own log group with the Fargate stream prefix, non-blocking", () => {
    expect(synth().containers()[0]!.logConfiguration).toEqual({
      logDriver: "awslogs",
      options: {
        "awslogs-group": expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.service_logs_\w+\.name\}$/),
        "awslogs-region": "eu-west-1",
        "awslogs-stream-prefix": "ecs",
        mode: "non-blocking",
        "max-buffer-size": "25m",
      },
    });
  });

  it("keeps logs 30 days by default", () => {
    expect(synth().json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/berth/shop-dev", retention_in_days: 30 });
  });

  it("adds a container health check when given", () => {
    const healthCheck = { command: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"], intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 30 };
    expect(synth({ container: { healthCheck } }).containers()[0]!.healthCheck).toEqual({
      command: healthCheck.command,
      interval: 10,
      timeout: 5,
      retries: 3,
      startPeriod: 30,
    });
  });

  it("adds sidecars the app container depends on", () => {
    const containers = synth({ sidecars: [{ name: "proxy", image: "public.ecr.aws/envoy/envoy:v1.31", startCondition: "START" }] }).containers();
    expect(containers.map((c) => [c.name, c.essential, c.readonlyRootFilesystem])).toEqual([
      ["web", true, true],
      ["proxy", false, true],
    ]);
    expect(containers[0]!.dependsOn).toEqual([{ containerName: "proxy", condition: "START" }]);
  });

  it("writes a sidecar's definition with its CPU units and memory, and no port, dependency or stop timeout", () => {
    const sidecar = synth({ sidecars: [{ name: "proxy", image: "public.ecr.aws/envoy/envoy:v1.31", cpu: 128, memoryMiB: 256 }] }).containers()[1]!;
    expect(sidecar).toEqual({
      name: "proxy",
      image: "public.ecr.aws/envoy/envoy:v1.31",
      essential: false,
      cpu: 128,
      memory: 256,
      environment: [],
      secrets: [],
      readonlyRootFilesystem: true,
      privileged: false,
      linuxParameters: { initProcessEnabled: true },
      mountPoints: [],
      logConfiguration: expect.objectContaining({ logDriver: "awslogs" }),
    });
  });

  it("gives the app container no dependsOn without sidecars", () => {
    expect(Object.keys(synth().containers()[0]!)).not.toContain("dependsOn");
  });

  it("gives the app container no CPU or memory reservation of its own (it has the task's)", () => {
    expect(Object.keys(synth().containers()[0]!).filter((key) => key === "cpu" || key === "memory")).toEqual([]);
  });
});

describe("FargateService roles", () => {
  // ECS Developer Guide, task_execution_IAM_role.html: pulling from ECR needs GetAuthorizationToken
  // (no resource-level permission: "*") and the three layer/image actions on the repositories.
  it("lets the execution role get an ECR token, pull from the app's repositories only, and write only its log group", () => {
    expect(synth().policy("execution")).toEqual([
      { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: REPO_ARN },
      { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.service_logs_\w+\.arn\}:\*$/) },
    ]);
  });

  it("gives the execution role no ECR permission when the images come from no ECR repository", () => {
    expect(synth({ repositoryArns: [] }).policy("execution")!.map((statement) => statement.Sid)).toEqual(["Logs"]);
  });

  it("gives the execution role no ECR permission when repositoryArns is left out (its default: none)", () => {
    expect(synth({ repositoryArns: undefined }).policy("execution")!.map((statement) => statement.Sid)).toEqual(["Logs"]);
  });

  it("lets the execution role read exactly the listed secrets (JSON keys stripped)", () => {
    const statements = synth({ container: { secrets: { DB_URL: SSM_ARN, API_KEY: SM_ARN, TOKEN: `${SM_ARN}:token::` } } }).policy("execution")!;
    expect(statements.slice(3)).toEqual([
      { Sid: "SsmSecrets", Effect: "Allow", Action: "ssm:GetParameters", Resource: SSM_ARN },
      { Sid: "SecretsManagerSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SM_ARN },
    ]);
  });

  it("names the roles <app>-execution and <app>-task, and their policies pull-log-secrets and app", () => {
    const { all } = synth({ taskRolePolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-assets/*"] }] });
    const policies = all("aws_iam_role_policy").map((policy) => `${String(policy.role).replace(/^\$\{aws_iam_role\.service_roles_([a-z]+)_\w+\.name\}$/, "$1")}: ${policy.name}`);
    expect([all("aws_iam_role").map((role) => role.name).sort(), policies.sort()]).toEqual([
      ["shop-dev-execution", "shop-dev-task"],
      ["execution: pull-log-secrets", "task: app"],
    ]);
  });

  it("uses no wildcard action, and no wildcard resource but for the ECR token", () => {
    const statements = synth({ container: { secrets: { DB_URL: SSM_ARN } } }).policy("execution")!;
    const actions = statements.flatMap((s) => [s.Action].flat());
    const starred = statements.filter((s) => [s.Resource].flat().includes("*"));
    expect([actions.some((a) => a.includes("*")), starred.map((s) => s.Action)]).toEqual([false, ["ecr:GetAuthorizationToken"]]);
  });

  it("gives the task role no permissions by default", () => {
    expect(synth().policy("task")).toBeUndefined();
  });

  it("gives the task role exactly the statements given", () => {
    const taskRolePolicy = [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-assets/*"] }];
    expect(synth({ taskRolePolicy }).policy("task")).toEqual([{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::shop-assets/*" }]);
  });

  it("trusts only ECS tasks of this account", () => {
    const role = synth().all("aws_iam_role").find((r) => String(r.name).endsWith("-execution"))!;
    expect(JSON.parse(role.assume_role_policy as string).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\.\w+\.account_id\}$/) } },
    });
  });
});

describe("FargateService service", () => {
  it("rolls back failed deployments with the circuit breaker", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, { deployment_circuit_breaker: { enable: true, rollback: true } });
  });

  it("defaults to 1 task, min healthy 100 %, max 200 %, 60 s grace, waiting for steady state", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, {
      desired_count: 1,
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      health_check_grace_period_seconds: 60,
      wait_for_steady_state: true,
    });
  });

  it("runs tasks in the private subnets without public IPs", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, {
      network_configuration: { subnets: ["subnet-0ccc3333", "subnet-0ddd4444"], assign_public_ip: false, security_groups: [expect.any(String)] },
    });
  });

  it("runs on the latest platform version, propagating service tags", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, { platform_version: "LATEST", propagate_tags: "SERVICE", enable_ecs_managed_tags: true });
  });

  it("defaults to FARGATE only, no ECS Exec", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsService, { capacity_provider_strategy: [{ capacity_provider: "FARGATE", weight: 1 }], enable_execute_command: false });
  });

  it("weighs FARGATE and FARGATE_SPOT as asked", () => {
    expect(synth({ capacity: { fargate: 1, spot: 3 } }).json).toHaveResourceWithProperties(EcsService, {
      capacity_provider_strategy: [
        { capacity_provider: "FARGATE", weight: 1 },
        { capacity_provider: "FARGATE_SPOT", weight: 3 },
      ],
    });
  });

  it("registers the app container in the target group and waits for the listener", () => {
    const service = synth().all("aws_ecs_service")[0]!;
    expect(service.load_balancer).toEqual([{ target_group_arn: expect.stringContaining("aws_lb_target_group"), container_name: "web", container_port: 8080 }]);
    expect(service.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_lb_listener\./)]));
  });

  it("creates a cluster with Container Insights by default", () => {
    expect(synth().json).toHaveResourceWithProperties(EcsCluster, { name: "shop-dev", setting: [{ name: "containerInsights", value: "enabled" }] });
  });

  it("runs in an existing cluster when named", () => {
    const { json, all } = synth({ clusterName: "platform" });
    expect(json).not.toHaveResource(EcsCluster);
    expect(all("aws_ecs_service")[0]!.cluster).toMatch(/^\$\{data\.aws_ecs_cluster\.\w+\.arn\}$/);
  });

  it("with ECS Exec: enabled on the service, sessions logged, channel permissions on the task role", () => {
    const { json, policy } = synth({ ecsExec: true, container: { readonlyRootFilesystem: false } });
    expect(json).toHaveResourceWithProperties(EcsService, { enable_execute_command: true });
    expect(json).toHaveResourceWithProperties(EcsCluster, { configuration: { execute_command_configuration: { logging: "OVERRIDE", log_configuration: { cloud_watch_log_group_name: expect.any(String) } } } });
    expect(policy("task")!.map((s) => s.Action)).toEqual([
      ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
      ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
    ]);
  });

  it("with ECS Exec: grants the message channels on * (they have no resource-level permissions: Service Authorization Reference, Amazon Session Manager Message Gateway Service) and the session logs on the service's log group only", () => {
    const { policy } = synth({ ecsExec: true, container: { readonlyRootFilesystem: false } });
    expect(policy("task")).toEqual([
      {
        Sid: "EcsExecChannels",
        Effect: "Allow",
        Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
        Resource: "*",
      },
      {
        Sid: "EcsExecSessionLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.service_logs_\w+\.arn\}:\*$/),
      },
    ]);
  });
});

describe("FargateService security groups", () => {
  it("lets tasks accept only the load balancer's group on the container port", () => {
    const rules = synth().all("aws_vpc_security_group_ingress_rule").filter((r) => String(r.security_group_id).includes("service_sg"));
    expect(rules).toEqual([
      expect.objectContaining({ from_port: 8080, to_port: 8080, ip_protocol: "tcp", referenced_security_group_id: expect.stringContaining("alb_sg"), description: "App port 8080 from the load balancer" }),
    ]);
  });

  it("lets the load balancer reach the tasks on the container port only", () => {
    const rules = synth().all("aws_vpc_security_group_egress_rule").filter((r) => String(r.security_group_id).includes("alb_sg"));
    expect(rules.map((r) => [r.from_port, r.to_port, String(r.referenced_security_group_id).includes("service_sg"), r.description])).toEqual([
      [8080, 8080, true, "To the tasks of shop-dev on the app port 8080"],
    ]);
  });

  it("gives the tasks a security group of their own, named and described after the app", () => {
    expect(synth().all("aws_security_group").filter((group) => group.name !== "shop-dev-alb")).toEqual([
      { name: "shop-dev-tasks", description: "Tasks of shop-dev: the app port from the load balancer only", vpc_id: "vpc-0abc1234", tags: { Name: "shop-dev-tasks" } },
    ]);
  });

  it("limits task egress to HTTPS by default", () => {
    const rules = synth().all("aws_vpc_security_group_egress_rule").filter((r) => String(r.security_group_id).includes("service_sg"));
    expect(rules.map((r) => [r.from_port, r.cidr_ipv4, r.description])).toEqual([[443, "0.0.0.0/0", "HTTPS to AWS APIs and the internet"]]);
  });

  it("adds the egress rules given (e.g. a database port)", () => {
    const egress = [{ port: 5432, cidrBlocks: ["10.0.0.0/16"], description: "PostgreSQL in the VPC" }];
    const rules = synth({ egress }).all("aws_vpc_security_group_egress_rule").filter((r) => String(r.security_group_id).includes("service_sg"));
    expect(rules.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4, r.description])).toEqual([["tcp", 5432, 5432, "10.0.0.0/16", "PostgreSQL in the VPC"]]);
  });

  it("describes every rule", () => {
    const { all } = synth({ volumes: [{ name: "data", path: "/data" }] });
    const rules = [...all("aws_vpc_security_group_ingress_rule"), ...all("aws_vpc_security_group_egress_rule")];
    expect(rules.every((r) => typeof r.description === "string" && r.description.length > 0)).toBe(true);
  });
});

describe("FargateService volumes and autoscaling", () => {
  it("mounts EFS volumes through access points with TLS and IAM", () => {
    const { all, containers, json } = synth({ volumes: [{ name: "data", path: "/var/lib/app" }] });
    expect(json).toHaveResource(EfsFileSystem);
    const volume = (all("aws_ecs_task_definition")[0]!.volume as Record<string, unknown>[]).find((v) => v.name === "data")!;
    expect(volume.efs_volume_configuration).toEqual({
      file_system_id: expect.stringContaining("aws_efs_file_system"),
      transit_encryption: "ENABLED",
      authorization_config: { access_point_id: expect.stringContaining("aws_efs_access_point"), iam: "ENABLED" },
    });
    expect(containers()[0]!.mountPoints).toContainEqual({ sourceVolume: "data", containerPath: "/var/lib/app", readOnly: false });
  });

  it("lets the task role mount and write only through its access point", () => {
    expect(synth({ volumes: [{ name: "data", path: "/data" }] }).policy("task")).toEqual([
      {
        Effect: "Allow",
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: expect.stringContaining("aws_efs_file_system"),
        Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": expect.stringContaining("aws_efs_access_point") } },
      },
    ]);
  });

  it("tracks CPU at 70 % and memory at 80 % with 300 s / 60 s cooldowns by default", () => {
    const policies = synth({ autoscaling: { minCount: 2, maxCount: 6 } }).all("aws_appautoscaling_policy");
    expect(policies.map((p) => p.target_tracking_scaling_policy_configuration)).toEqual([
      { target_value: 70, scale_in_cooldown: 300, scale_out_cooldown: 60, predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" } },
      { target_value: 80, scale_in_cooldown: 300, scale_out_cooldown: 60, predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageMemoryUtilization" } },
    ]);
  });

  it("scales between minCount and maxCount and leaves desired_count to autoscaling", () => {
    const { all } = synth({ autoscaling: { minCount: 2, maxCount: 6 } });
    expect(all("aws_appautoscaling_target")[0]).toMatchObject({ min_capacity: 2, max_capacity: 6, scalable_dimension: "ecs:service:DesiredCount", service_namespace: "ecs" });
    expect(all("aws_ecs_service")[0]!.lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  // Application Auto Scaling API Reference, RegisterScalableTarget: an ECS service's ResourceId is service/<cluster>/<service>.
  it("registers the service as service/<cluster>/<service> and names each target-tracking policy after the service", () => {
    const { all } = synth({ autoscaling: { minCount: 2, maxCount: 6 } });
    expect(all("aws_appautoscaling_target")[0]!.resource_id).toMatch(/^service\/\$\{aws_ecs_cluster\.[\w-]+\.name\}\/\$\{aws_ecs_service\.[\w-]+\.name\}$/);
    expect(all("aws_appautoscaling_policy").map((p) => [p.name, p.policy_type])).toEqual([
      [expect.stringMatching(/^\$\{aws_ecs_service\.[\w-]+\.name\}-cpu$/), "TargetTrackingScaling"],
      [expect.stringMatching(/^\$\{aws_ecs_service\.[\w-]+\.name\}-memory$/), "TargetTrackingScaling"],
    ]);
  });

  it("accepts minCount equal to maxCount (a fixed task count)", () => {
    expect(synth({ autoscaling: { minCount: 3, maxCount: 3 } }).all("aws_appautoscaling_target")[0]).toMatchObject({ min_capacity: 3, max_capacity: 3 });
  });

  it("tracks ALB requests per target when asked", () => {
    const policies = synth({ autoscaling: { minCount: 1, maxCount: 4, requestsPerTarget: 500 } }).all("aws_appautoscaling_policy");
    expect(policies[2]!.target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 500,
      predefined_metric_specification: { predefined_metric_type: "ALBRequestCountPerTarget", resource_label: expect.stringMatching(/arn_suffix\}\/\$\{aws_lb_target_group/) },
    });
  });
});

describe("FargateService fails when", () => {
  it("cpu is not a Fargate size", () => {
    expect(errorOf(() => synth({ cpu: 300 }))).toBe("stack/service: cpu 300 is not a Fargate task size: use one of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units");
  });

  it("memory does not fit cpu 256", () => {
    expect(errorOf(() => synth({ cpu: 256, memoryMiB: 4096 }))).toBe("stack/service: memoryMiB 4096 does not fit cpu 256 on Fargate: with cpu 256 use one of 512, 1024, 2048 MiB");
  });

  it("memory is off the 1 GiB steps of cpu 4096", () => {
    expect(errorOf(() => synth({ cpu: 4096, memoryMiB: 9000 }))).toBe("stack/service: memoryMiB 9000 does not fit cpu 4096 on Fargate: with cpu 4096 use one of 8192 to 30720 in steps of 1024 MiB");
  });

  it("memory is off the 4 GiB steps of cpu 8192", () => {
    expect(errorOf(() => synth({ cpu: 8192, memoryMiB: 18432 }))).toBe("stack/service: memoryMiB 18432 does not fit cpu 8192 on Fargate: with cpu 8192 use one of 16384 to 61440 in steps of 4096 MiB");
  });

  it("desiredCount, minHealthyPercent and maxPercent deadlock a deployment", () => {
    expect(errorOf(() => synth({ desiredCount: 1, minHealthyPercent: 100, maxPercent: 100 }))).toMatch(
      /^stack\/service: a deployment cannot progress with desiredCount 1, minHealthyPercent 100 and maxPercent 100: ECS may neither start an extra task \(max 1\) nor stop one \(min 1\)/,
    );
  });

  it("ECS Exec is asked for with a read-only root filesystem", () => {
    expect(errorOf(() => synth({ ecsExec: true }))).toMatch(/^stack\/service: ecsExec needs a writable root filesystem/);
  });

  it("both capacity weights are 0", () => {
    expect(errorOf(() => synth({ capacity: { fargate: 0, spot: 0 } }))).toBe("stack/service: capacity weights are both 0: give FARGATE or FARGATE_SPOT a weight of at least 1");
  });

  it("the stop timeout exceeds Fargate's 120 s", () => {
    expect(errorOf(() => synth({ container: { stopTimeoutSeconds: 300 } }))).toBe("stack/service: container.stopTimeoutSeconds must be a whole number from 2 to 120 seconds, got 300");
  });

  it("ephemeral storage is below 21 GiB", () => {
    expect(errorOf(() => synth({ ephemeralStorageGiB: 20 }))).toBe("stack/service: ephemeralStorageGiB must be a whole number from 21 to 200 GiB, got 20");
  });

  it("a writable path and a volume share a path", () => {
    expect(errorOf(() => synth({ volumes: [{ name: "tmp", path: "/tmp" }] }))).toBe('stack/service: two mounts share the path "/tmp": writablePaths and volume paths must differ');
  });

  it("a sidecar waited on as HEALTHY has no health check", () => {
    expect(errorOf(() => synth({ sidecars: [{ name: "proxy", image: "envoy:v1", startCondition: "HEALTHY" }] }))).toBe(
      'stack/service: sidecar "proxy" has startCondition HEALTHY but no healthCheck: give it one, or use START',
    );
  });

  it("autoscaling minCount exceeds maxCount", () => {
    expect(errorOf(() => synth({ autoscaling: { minCount: 5, maxCount: 2 } }))).toBe("stack/service/autoscaling: minCount (5) must not exceed maxCount (2)");
  });
});

describe("FargateService: capacity providers", () => {
  // ECS Developer Guide, fargate-capacity-providers.html: "Linux tasks with the ARM64 architecture
  // don't support the Fargate Spot capacity provider".
  it("fails on ARM64 with a FARGATE_SPOT weight above 0, naming the construct", () => {
    expect(errorOf(() => synth({ architecture: "ARM64", capacity: { fargate: 1, spot: 1 } }))).toBe(
      "stack/service: capacity.spot is 1 but the architecture is ARM64: Fargate Spot does not run ARM64 Linux tasks; set capacity.spot to 0, or run X86_64",
    );
  });

  it("runs ARM64 with a FARGATE_SPOT weight of 0 on FARGATE only", () => {
    expect(synth({ architecture: "ARM64", capacity: { fargate: 1, spot: 0 } }).all("aws_ecs_service")[0]!.capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE", weight: 1 }]);
  });

  // ECS API Reference, CreateService capacityProviderStrategy: only providers associated with the
  // cluster may be named; the FARGATE launch type needs no association.
  it("on an existing cluster: uses the FARGATE launch type", () => {
    expect(synth({ clusterName: "platform" }).all("aws_ecs_service")[0]!.launch_type).toBe("FARGATE");
  });

  it("on an existing cluster: names no capacity provider strategy", () => {
    expect(synth({ clusterName: "platform" }).all("aws_ecs_service")[0]).not.toHaveProperty("capacity_provider_strategy");
  });

  it("on a created cluster: uses a capacity provider strategy, not a launch type", () => {
    const service = synth().all("aws_ecs_service")[0]!;
    expect([service.launch_type, service.capacity_provider_strategy]).toEqual([undefined, [{ capacity_provider: "FARGATE", weight: 1 }]]);
  });

  it("fails on an existing cluster with a FARGATE_SPOT weight above 0, naming the construct", () => {
    expect(errorOf(() => synth({ clusterName: "platform", capacity: { fargate: 1, spot: 1 } }))).toBe(
      'stack/service: capacity.spot is 1 but clusterName names an existing cluster ("platform"): a service may use FARGATE_SPOT only where the cluster has it as a capacity provider, which cannot be checked here; leave clusterName out so that a cluster with FARGATE_SPOT is created, or set capacity.spot to 0',
    );
  });
});

describe("FargateService: container health check ranges", () => {
  const check = { command: ["CMD", "/healthcheck"], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 };

  // ECS API Reference, HealthCheck (test/fixtures/ecs/health-check-ranges.ts).
  it.each(ACCEPTED_EDGES)("accepts an app container health check with %s %d", (field, value) => {
    expect(synth({ container: { healthCheck: { ...check, [field]: value } } }).containers()[0]!.healthCheck).toBeDefined();
  });

  it.each(REFUSED_EDGES)("fails on an app container health check with %s %d, naming the field, the value and ECS's range", (field, value, range, ecsField) => {
    expect(errorOf(() => synth({ container: { healthCheck: { ...check, [field]: value } } }))).toBe(
      `stack/service: container.healthCheck.${field} must be a whole number from ${range}, got ${value}: ECS accepts no other container health check ${ecsField}; set a value in that range`,
    );
  });

  it('fails on an app container health check with "CMD" and no command after it', () => {
    expect(errorOf(() => synth({ container: { healthCheck: { ...check, command: ["CMD"] } } }))).toBe(
      'stack/service: container.healthCheck.command must name the command after "CMD": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["CMD"])',
    );
  });

  it("fails on a sidecar health check start period of 301 s, naming the sidecar's index", () => {
    expect(errorOf(() => synth({ sidecars: [{ name: "proxy", image: "envoy:v1", healthCheck: { ...check, startPeriodSeconds: 301 } }] }))).toBe(
      "stack/service: sidecars[0].healthCheck.startPeriodSeconds must be a whole number from 0 to 300 seconds, got 301: ECS accepts no other container health check startPeriod; set a value in that range",
    );
  });
});

describe("FargateService: sidecar start conditions", () => {
  it("accepts an essential sidecar with startCondition START", () => {
    expect(synth({ sidecars: [{ name: "proxy", image: "envoy:v1", essential: true, startCondition: "START" }] }).containers()[0]!.dependsOn).toEqual([{ containerName: "proxy", condition: "START" }]);
  });

  it("makes the app wait for a sidecar to START when no startCondition is given", () => {
    expect(synth({ sidecars: [{ name: "proxy", image: "envoy:v1" }] }).containers()[0]!.dependsOn).toEqual([{ containerName: "proxy", condition: "START" }]);
  });

  it("accepts a sidecar that is not essential with startCondition SUCCESS", () => {
    expect(synth({ sidecars: [{ name: "migrate", image: "shop/migrate:1", startCondition: "SUCCESS" }] }).containers()[0]!.dependsOn).toEqual([{ containerName: "migrate", condition: "SUCCESS" }]);
  });

  // ECS API Reference, ContainerDependency: COMPLETE and SUCCESS "can't be set on an essential container".
  it.each(["SUCCESS", "COMPLETE"] as const)("fails on an essential sidecar with startCondition %s", (startCondition) => {
    expect(errorOf(() => synth({ sidecars: [{ name: "migrate", image: "shop/migrate:1", essential: true, startCondition }] }))).toBe(
      `stack/service: sidecar "migrate" is essential with startCondition ${startCondition}: ECS does not allow COMPLETE or SUCCESS on an essential container; set essential to false, or use START or HEALTHY`,
    );
  });
});

describe("FargateService: what the service waits for on first apply", () => {
  const dependsOn = (overrides: Overrides = {}) => synth(overrides).all("aws_ecs_service")[0]!.depends_on as string[];

  it("depends on every EFS mount target when there are volumes", () => {
    expect(dependsOn({ volumes: [{ name: "data", path: "/data" }] }).filter((d) => d.startsWith("aws_efs_mount_target."))).toEqual([
      expect.stringMatching(/^aws_efs_mount_target\.service_efs_mount-0_\w+$/),
      expect.stringMatching(/^aws_efs_mount_target\.service_efs_mount-1_\w+$/),
    ]);
  });

  it("depends on the NFS rules between the tasks and the mount targets when there are volumes", () => {
    expect(dependsOn({ volumes: [{ name: "data", path: "/data" }] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.service_efs_nfs-in_\w+$/), expect.stringMatching(/^aws_vpc_security_group_egress_rule\.service_efs_nfs-out_\w+$/)]),
    );
  });

  // ECS API Reference, CreateService: a capacity provider strategy may name only providers
  // associated with the cluster; the association must exist before the service.
  it("depends on the cluster's capacity providers (FARGATE and FARGATE_SPOT)", () => {
    const { all } = synth();
    expect([all("aws_ecs_cluster_capacity_providers")[0]!.capacity_providers, all("aws_ecs_service")[0]!.depends_on]).toEqual([
      ["FARGATE", "FARGATE_SPOT"],
      expect.arrayContaining([expect.stringMatching(/^aws_ecs_cluster_capacity_providers\.service_capacity-providers_\w+$/)]),
    ]);
  });

  it("depends on the execution role's policy", () => {
    expect(dependsOn()).toContainEqual(expect.stringMatching(/^aws_iam_role_policy\.service_roles_execution-policy_\w+$/));
  });

  it("depends on the task role's policy when the task role has one", () => {
    expect(dependsOn({ taskRolePolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-assets/*"] }] })).toContainEqual(
      expect.stringMatching(/^aws_iam_role_policy\.service_roles_task-policy_\w+$/),
    );
  });
});
