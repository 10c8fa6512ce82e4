import { RULES } from "../../../stacks/policy";
import type { TerraformJson } from "../../../stacks/policy/types";
import { rule, stackOf } from "./support/rules";


const taskWith = (container: Record<string, unknown>) =>
  stackOf("aws_ecs_task_definition", { task_role_arn: "task", execution_role_arn: "exec", container_definitions: JSON.stringify([{ name: "web", ...container }]) });

/** A stack synthesized for stage prod (the provider's berth:stage default tag). */
const prod = (stack: TerraformJson): TerraformJson => ({ ...stack, provider: { aws: [{ default_tags: [{ tags: { "berth:stage": "prod" } }] }] } });

const efsTask = (transit: string) => stackOf("aws_ecs_task_definition", { volume: [{ name: "data", efs_volume_configuration: { file_system_id: "fs", transit_encryption: transit } }] });

const resourcePolicy = (principal: unknown) =>
  stackOf("aws_efs_file_system_policy", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: principal, Action: "elasticfilesystem:ClientMount", Resource: "*" }] }) });

const policyOf = (...statements: Record<string, unknown>[]) => stackOf("aws_iam_role_policy", { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });

describe("policy rules: each passes a compliant resource and flags a noncompliant one", () => {
  const cases: [string, TerraformJson, TerraformJson, string][] = [
    ["ecs-no-public-ip", stackOf("aws_ecs_service", { network_configuration: { assign_public_ip: false } }), stackOf("aws_ecs_service", { network_configuration: { assign_public_ip: true } }), "tasks get public IPs"],
    ["imdsv2-required", stackOf("aws_instance", { metadata_options: { http_tokens: "required" } }), stackOf("aws_instance", { metadata_options: { http_tokens: "optional" } }), "IMDSv1 is allowed"],
    ["storage-encrypted", stackOf("aws_ebs_volume", { encrypted: true }), stackOf("aws_ebs_volume", { encrypted: false }), "not encrypted at rest"],
    ["https-only", stackOf("aws_lb_listener", { protocol: "HTTP", default_action: [{ type: "redirect", redirect: { protocol: "HTTPS" } }] }), stackOf("aws_lb_listener", { protocol: "HTTP", default_action: [{ type: "forward" }] }), "serves plain HTTP"],
    ["modern-tls", stackOf("aws_lb_listener", { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }), stackOf("aws_lb_listener", { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-2016-08" }), 'weak or default TLS policy "ELBSecurityPolicy-2016-08"'],
    ["log-retention", stackOf("aws_cloudwatch_log_group", { retention_in_days: 14 }), stackOf("aws_cloudwatch_log_group", {}), "keeps logs forever"],
    ["ecr-immutable-scanned", stackOf("aws_ecr_repository", { image_tag_mutability: "IMMUTABLE", image_scanning_configuration: { scan_on_push: true } }), stackOf("aws_ecr_repository", { image_tag_mutability: "MUTABLE", image_scanning_configuration: { scan_on_push: true } }), "tags are mutable"],
    ["ecs-non-privileged", taskWith({ privileged: false }), taskWith({ privileged: true }), "container web runs privileged"],
    ["ecs-readonly-root", taskWith({ readonlyRootFilesystem: true }), taskWith({ readonlyRootFilesystem: false }), "container web can write its root filesystem"],
    ["separate-task-roles", stackOf("aws_ecs_task_definition", { task_role_arn: "a", execution_role_arn: "b" }), stackOf("aws_ecs_task_definition", { task_role_arn: "a", execution_role_arn: "a" }), "the task and execution roles are missing or the same role"],
    ["iam-no-wildcards", policyOf({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }), policyOf({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }), 'allows the wildcard action "s3:*"'],
    ["no-open-ingress", stackOf("aws_vpc_security_group_ingress_rule", { ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" }), stackOf("aws_vpc_security_group_ingress_rule", { ip_protocol: "tcp", from_port: 8080, to_port: 8080, cidr_ipv4: "0.0.0.0/0" }), "ports 8080-8080 are open to the internet"],
    ["no-ssh", stackOf("aws_security_group", { ingress: [{ from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/8"] }] }), stackOf("aws_security_group", { ingress: [{ from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/8"] }] }), "admits SSH (ports 22-22)"],
    ["no-secrets-in-user-data", stackOf("aws_instance", { user_data: "#cloud-config\nruncmd: [echo ok]\n" }), stackOf("aws_instance", { user_data: "#cloud-config\nruncmd: [export AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP]\n" }), "user data looks like it contains a credential"],
    ["instance-profile", stackOf("aws_instance", { iam_instance_profile: "p" }), stackOf("aws_instance", {}), "has no IAM instance profile"],
    ["default-sg-closed", { resource: { aws_vpc: { v: {} }, aws_default_security_group: { d: { ingress: [], egress: [] } } } }, { resource: { aws_vpc: { v: {} } } }, "the VPC's default security group is not managed empty"],
    ["vpc-flow-logs", { resource: { aws_vpc: { v: {} }, aws_flow_log: { f: {} } } }, { resource: { aws_vpc: { v: {} } } }, "has no flow log"],
    ["alb-access-logs", stackOf("aws_lb", { access_logs: { bucket: "logs", enabled: true } }), stackOf("aws_lb", { access_logs: { bucket: "logs", enabled: false } }), 'access_logs names bucket "logs" but is not enabled'],
    ["log-retention-floor", prod(stackOf("aws_cloudwatch_log_group", { retention_in_days: 90 })), prod(stackOf("aws_cloudwatch_log_group", { retention_in_days: 30 })), "keeps prod logs 30 days, under 90"],
    ["efs-transit-encryption", efsTask("ENABLED"), efsTask("DISABLED"), "EFS volume data is mounted without in-transit encryption"],
    ["no-wildcard-principals", resourcePolicy({ AWS: "arn:aws:iam::123456789012:root" }), resourcePolicy({ AWS: "*" }), 'allows the "*" principal without a condition'],
    ["ecr-lifecycle", { resource: { aws_ecr_repository: { web: {} }, aws_ecr_lifecycle_policy: { l: { repository: "${aws_ecr_repository.web.name}" } } } }, { resource: { aws_ecr_repository: { web: {} } } }, "has no lifecycle policy"],
    ["no-latest-image", taskWith({ image: "nginx:1.27" }), taskWith({ image: "nginx:latest" }), "container web image nginx:latest uses the :latest tag"],
  ];

  it("has one case for each of the 23 rules of docs/policy.md", () => {
    expect(cases.map(([id]) => id).sort()).toEqual(["ecs-no-public-ip", "imdsv2-required", "storage-encrypted", "https-only", "modern-tls", "log-retention", "log-retention-floor", "ecr-immutable-scanned", "ecr-lifecycle", "ecs-non-privileged", "ecs-readonly-root", "efs-transit-encryption", "no-latest-image", "separate-task-roles", "iam-no-wildcards", "no-wildcard-principals", "no-open-ingress", "no-ssh", "no-secrets-in-user-data", "instance-profile", "default-sg-closed", "vpc-flow-logs", "alb-access-logs"].sort());
  });

  describe.each(cases)("%s", (id, compliant, noncompliant, message) => {
    it("passes the compliant resource", () => {
      expect(rule(id).evaluate(compliant)).toEqual([]);
    });

    it("flags the noncompliant one", () => {
      expect(rule(id).evaluate(noncompliant)).toEqual([{ resource: expect.stringMatching(/^aws_\w+\.\w+$/), message: expect.stringContaining(message) }]);
    });
  });
});

describe("policy rule details", () => {
  it("iam-no-wildcards allows * as resource only for actions without resource-level permissions", () => {
    const r = rule("iam-no-wildcards");
    expect(r.evaluate(policyOf({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }))).toEqual([]);
    expect(r.evaluate(policyOf({ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage"], Resource: "*" }))).toEqual([
      expect.objectContaining({ message: 'allows ecr:GetAuthorizationToken, ecr:BatchGetImage on every resource ("*")' }),
    ]);
  });

  it("iam-no-wildcards ignores Deny statements", () => {
    expect(rule("iam-no-wildcards").evaluate(policyOf({ Effect: "Deny", Action: "*", Resource: "*" }))).toEqual([]);
  });

  it("https-only flags a redirect to plain HTTP", () => {
    const listener = stackOf("aws_lb_listener", { protocol: "HTTP", default_action: [{ type: "redirect", redirect: { protocol: "HTTP" } }] });
    expect(rule("https-only").evaluate(listener)).toHaveLength(1);
  });

  it("no-open-ingress flags an all-protocols rule from anywhere", () => {
    const all = stackOf("aws_vpc_security_group_ingress_rule", { ip_protocol: "-1", cidr_ipv6: "::/0" });
    expect(rule("no-open-ingress").evaluate(all)).toEqual([expect.objectContaining({ message: "ports 0-65535 are open to the internet" })]);
  });

  it("no-secrets-in-user-data decodes base64 user data", () => {
    const encoded = Buffer.from("password=hunter2hunter2").toString("base64");
    expect(rule("no-secrets-in-user-data").evaluate(stackOf("aws_instance", { user_data_base64: encoded }))).toHaveLength(1);
  });
});

describe("policy rule metadata", () => {
  it.each(RULES.map((r) => [r.id, r] as const))("%s has a kebab-case id, a severity, a title, why and fix, and well-formed Checkov / Security Hub ids", (_id, r) => {
    expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(["error", "warning"]).toContain(r.severity);
    expect([r.title, r.why, r.fix].every((t) => t.length > 10)).toBe(true);
    expect(r.checkov.every((c) => /^CKV2?_AWS_\d+$/.test(c))).toBe(true);
    expect(r.securityHub.every((c) => /^[A-Za-z0-9]+\.\d+$/.test(c))).toBe(true);
  });

  it("has unique ids", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

describe("new rule details", () => {
  it("log-retention-floor ignores a dev stack", () => {
    expect(rule("log-retention-floor").evaluate(stackOf("aws_cloudwatch_log_group", { retention_in_days: 1 }))).toEqual([]);
  });

  it("alb-access-logs passes a load balancer without a bucket", () => {
    expect(rule("alb-access-logs").evaluate(stackOf("aws_lb", {}))).toEqual([]);
  });

  it("efs-transit-encryption flags an EFS volume that leaves transit_encryption out", () => {
    const task = stackOf("aws_ecs_task_definition", { volume: [{ name: "data", efs_volume_configuration: { file_system_id: "fs" } }] });
    expect(rule("efs-transit-encryption").evaluate(task)).toHaveLength(1);
  });

  it("no-wildcard-principals passes a Deny for \"*\" and an Allow with a condition", () => {
    const policy = stackOf("aws_s3_bucket_policy", {
      policy: JSON.stringify({
        Statement: [
          { Effect: "Deny", Principal: "*", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
          { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        ],
      }),
    });
    expect(rule("no-wildcard-principals").evaluate(policy)).toEqual([]);
  });

  it("no-wildcard-principals flags the bare \"*\" principal", () => {
    expect(rule("no-wildcard-principals").evaluate(resourcePolicy("*"))).toHaveLength(1);
  });

  it.each([["nginx", "has no tag, so it means :latest"], ["registry.example.com:5000/team/app", "has no tag, so it means :latest"]])("no-latest-image flags the untagged image %s", (image, why) => {
    expect(rule("no-latest-image").evaluate(taskWith({ image }))).toEqual([{ resource: "aws_ecs_task_definition.r0", message: `container web image ${image} ${why}` }]);
  });

  it.each(["nginx@sha256:" + "a".repeat(64), "${data.aws_ecr_repository.r.repository_url}@${data.aws_ecr_image.i.image_digest}", "${aws_ecr_repository.r.repository_url}:h-0123456789abcdef01234567"])(
    "no-latest-image passes the pinned image %s",
    (image) => {
      expect(rule("no-latest-image").evaluate(taskWith({ image }))).toEqual([]);
    },
  );
});
