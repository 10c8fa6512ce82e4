import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultWorld, providerOverride, startAwsStandin, type AwsStandin, type AwsWorld } from "./support/aws-standin";
import { synthVariant, PUBLISHED_DIGEST, type SynthesizedStack, type SynthesizedVariant } from "./support/synth-variant";
import { describeWithTerraform, inParallel, stackWorkDir, terraform, type TerraformRun, type TerraformTools } from "./support/terraform";
import { EXISTING, VARIANTS } from "./variants";

/**
 * Every stack of every spec variant goes through the real Terraform CLI: init (offline, provider
 * from the mirror), validate, and plan from empty state against the loopback AWS stand-in.
 * A unit test asserts the JSON we believe right; this asserts what Terraform accepts.
 */

/** The digest the stand-in's ECR holds under each variant's content tag. */
const TAGGED_DIGEST = `sha256:${"7a".repeat(32)}`;
/** Two plans at a time: the machine has 2 cores. */
const PARALLEL = 2;
const TIMEOUT_MS = 15 * 60 * 1000;

interface Outcome {
  readonly init: TerraformRun;
  readonly validate?: TerraformRun;
  readonly plan?: TerraformRun;
  readonly show?: TerraformRun;
}

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly change: { readonly actions: readonly string[]; readonly after: Record<string, unknown> | null };
}

/** The stand-in's account: the existing VPC and cluster of the variants, and every content tag pushed. */
function worldFor(variants: readonly SynthesizedVariant[], withImages: boolean): AwsWorld {
  const base = defaultWorld();
  const azs = base.availabilityZones.map((az) => az.name);
  const subnet = (subnetId: string, i: number, cidrBlock: string, mapPublicIpOnLaunch: boolean) => ({ subnetId, vpcId: EXISTING.vpcId, availabilityZone: azs[i % 2]!, cidrBlock, mapPublicIpOnLaunch });
  const repositories = new Map<string, string[]>();
  for (const { result } of variants) {
    for (const pin of result.images) {
      if (pin.tag) repositories.set(`${result.config.app}-${result.config.stage}/${pin.image}`, [pin.tag]);
    }
  }
  return defaultWorld({
    accountId: EXISTING.accountId,
    region: EXISTING.region,
    vpcs: [{ vpcId: EXISTING.vpcId, cidrBlock: "10.0.0.0/16" }],
    subnets: [
      ...EXISTING.publicSubnetIds.map((id, i) => subnet(id, i, `10.0.${i * 16}.0/20`, true)),
      ...EXISTING.privateSubnetIds.map((id, i) => subnet(id, i, `10.0.${128 + i * 16}.0/20`, false)),
    ],
    ecsClusters: [{ name: EXISTING.clusterName }],
    ecrRepositories: [...repositories].map(([name, tags]) => ({
      name,
      images: withImages ? [{ digest: TAGGED_DIGEST, tags, pushedAt: "2026-11-27T12:00:00.000Z" }] : [],
    })),
  });
}

/** init, validate, plan and show of one stack; later steps only after an earlier one succeeded. */
async function check(root: string, stack: SynthesizedStack, tools: TerraformTools, standin: AwsStandin): Promise<Outcome> {
  const dir = stackWorkDir(root, stack.file, {
    awsProviderVersion: tools.awsProviderVersion,
    provider: providerOverride(standin.endpoints, EXISTING.region).provider.aws,
  });
  const init = await terraform(dir, ["init", "-input=false", "-no-color", `-plugin-dir=${tools.pluginDir}`]);
  if (init.code !== 0) return { init };
  const validate = await terraform(dir, ["validate", "-json", "-no-color"]);
  const plan = await terraform(dir, ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.tfplan"]);
  if (plan.code !== 0) return { init, validate, plan };
  const show = await terraform(dir, ["show", "-json", "-no-color", "plan.tfplan"]);
  return { init, validate, plan, show };
}

/** What a failed step printed, for the test's failure message. */
const printed = (run: TerraformRun | undefined) => (run ? `terraform ${run.args.join(" ")} exited ${run.code}:\n${run.stdout}\n${run.stderr}` : "the step did not run");

describeWithTerraform("synthesized stacks under terraform init, validate and plan", (tools) => {
  const root = mkdtempSync(join(tmpdir(), "berth-terraform-check-"));
  const synthesized = VARIANTS.map((v) => synthVariant(root, v, EXISTING.accountId));
  const stacks = synthesized.flatMap((v) => v.stacks);
  const names = stacks.map((s) => `${s.variant}: ${s.stack}`);
  const outcomes = new Map<string, Outcome>();
  let standin: AwsStandin;

  beforeAll(async () => {
    standin = await startAwsStandin(worldFor(synthesized, true));
    const results = await inParallel(
      stacks.map((s) => () => check(root, s, tools, standin)),
      PARALLEL,
    );
    results.forEach((outcome, i) => outcomes.set(names[i]!, outcome));
  }, TIMEOUT_MS);

  afterAll(async () => {
    await standin?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const outcome = (name: string) => outcomes.get(name)!;
  const planned = (name: string): PlannedResource[] => {
    const show = outcome(name).show;
    if (!show) throw new Error(`no plan for ${name}: ${printed(outcome(name).plan)}`);
    // A plan with nothing to do (a registry stack with no repository) has no resource_changes.
    return (JSON.parse(show.stdout) as { resource_changes?: PlannedResource[] }).resource_changes ?? [];
  };
  const after = (name: string, type: string) => planned(name).filter((r) => r.type === type && r.mode === "managed").map((r) => r.change.after ?? {});

  it("covers at least 10 spec variants", () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(names)("%s: terraform init succeeds offline", (name) => {
    expect({ code: outcome(name).init.code, output: outcome(name).init.code === 0 ? "" : printed(outcome(name).init) }).toEqual({ code: 0, output: "" });
  });

  it.each(names)("%s: terraform validate reports no error and no warning", (name) => {
    const validate = outcome(name).validate;
    const report = validate ? (JSON.parse(validate.stdout) as { diagnostics: { severity: string; summary: string; detail?: string }[] }) : undefined;
    expect(report?.diagnostics.map((d) => `${d.severity}: ${d.summary} ${d.detail ?? ""}`)).toEqual([]);
  });

  it.each(names)("%s: terraform plan from empty state succeeds", (name) => {
    const plan = outcome(name).plan;
    expect(plan?.code === 0 ? "planned" : printed(plan)).toBe("planned");
  });

  it.each(names)("%s: the plan creates each resource the stack declares, once", (name) => {
    const stack = stacks[names.indexOf(name)]!;
    const declared = Object.entries(stack.json.resource ?? {}).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`)).sort();
    const created = planned(name)
      .filter((r) => r.mode === "managed" && r.change.actions.join() === "create")
      .map((r) => r.address.replace(/\[.*\]$/, ""));
    expect([...new Set(created)].sort()).toEqual(declared);
  });

  it("the AWS stand-in refused no call of any plan", () => {
    expect(standin.refused).toEqual([]);
  });

  describe("values Terraform computes at plan", () => {
    /** The app container "web" as planned (the provider orders containers by name). */
    const web = (name: string) => (JSON.parse(String(after(name, "aws_ecs_task_definition")[0]!.container_definitions)) as Record<string, unknown>[]).find((c) => c.name === "web")!;
    const repository = (app: string) => `${EXISTING.accountId}.dkr.ecr.eu-west-1.amazonaws.com/${app}-dev/web`;

    it("a Fargate task runs the digest its content tag resolves to in ECR", () => {
      expect(web("dev-both-plain-http: hello-dev-fargate").image).toBe(`${repository("hello")}@${TAGGED_DIGEST}`);
    });

    it("an EC2 host's release deploys the digest its content tag resolves to in ECR", () => {
      expect((after("dev-both-plain-http: hello-dev-ec2", "aws_ssm_association")[0]!.parameters as Record<string, string>).images).toBe(`web=${repository("hello")}@${TAGGED_DIGEST}`);
    });

    it("an EC2 host's release of several services deploys each built service's digest, and an image URI as written", () => {
      const built = (service: string) => `${service}=${EXISTING.accountId}.dkr.ecr.eu-west-1.amazonaws.com/market-dev/${service}@${TAGGED_DIGEST}`;
      expect((after("dev-ec2-services: market-dev-ec2", "aws_ssm_association")[0]!.parameters as Record<string, string>).images).toBe(
        [built("web"), "db=public.ecr.aws/docker/library/postgres:17", built("migrate"), built("worker")].join(" "),
      );
    });

    it("a Fargate app of several services: the database serves Service Connect as db on 5432 and runs one task, replaced stop-first", () => {
      const db = after("dev-both-services: bazaar-dev-fargate", "aws_ecs_service").find((s) => s.name === "bazaar-dev-db")!;
      expect([db.desired_count, db.deployment_minimum_healthy_percent, db.deployment_maximum_percent, db.service_connect_configuration]).toMatchObject([
        1,
        0,
        100,
        [{ enabled: true, service: [{ port_name: "db", discovery_name: "db", client_alias: [{ port: 5432, dns_name: "db" }] }] }],
      ]);
    });

    it("routed public services: a host route's rule comes before a path route's, each forwarding its own requests (ALB rules by lowest priority first)", () => {
      const rules = after("dev-both-routes: atlas-dev-fargate", "aws_lb_listener_rule").sort((a, b) => (a.priority as number) - (b.priority as number));
      expect(rules.map((r) => r.condition)).toEqual([
        [{ host_header: [{ values: ["admin.example.com"] }], http_header: [], http_request_method: [], path_pattern: [], query_string: [], source_ip: [] }],
        [{ host_header: [], http_header: [], http_request_method: [], path_pattern: [{ values: ["/api", "/api/*"] }], query_string: [], source_ip: [] }],
      ]);
    });

    it("routed public services: the certificate covers each route's host beside the domain, validated by one record per name", () => {
      const [certificate] = after("dev-both-routes: atlas-dev-fargate", "aws_acm_certificate");
      const validations = after("dev-both-routes: atlas-dev-fargate", "aws_route53_record").filter((r) => r.allow_overwrite === true);
      // The provider's plan lists the domain among the alternative names too (TF acm_certificate doc).
      expect([certificate!.domain_name, [...(certificate!.subject_alternative_names as string[])].sort(), validations.length]).toEqual(["atlas.example.com", ["admin.example.com", "atlas.example.com"], 2]);
    });

    it("a Fargate task runs the digest the image manifest recorded", () => {
      expect(web("dev-both-published: pinned-dev-fargate").image).toBe(`${repository("pinned")}@${PUBLISHED_DIGEST}`);
    });

    it("an EC2 host's release deploys the digest the image manifest recorded", () => {
      expect((after("dev-both-published: pinned-dev-ec2", "aws_ssm_association")[0]!.parameters as Record<string, string>).images).toBe(`web=${repository("pinned")}@${PUBLISHED_DIGEST}`);
    });

    it("an existing image URI reaches the task as written", () => {
      expect(web("dev-fargate-existing-vpc-cluster-uri: edge-dev-fargate").image).toBe("public.ecr.aws/nginx/nginx:1.27");
    });

    it("a service in an existing cluster runs in the cluster the stand-in holds", () => {
      expect(after("dev-fargate-existing-vpc-cluster-uri: edge-dev-fargate", "aws_ecs_service")[0]!.cluster).toBe(`arn:aws:ecs:eu-west-1:${EXISTING.accountId}:cluster/${EXISTING.clusterName}`);
    });

    it("secrets reach the container as their full ARNs, the JSON key kept", () => {
      expect(web("prod-fargate-domain: shop-prod-fargate").secrets).toEqual([
        { name: "DATABASE_URL", valueFrom: `arn:aws:ssm:eu-west-1:${EXISTING.accountId}:parameter/shop/prod/database-url` },
        { name: "STRIPE_KEY", valueFrom: `arn:aws:secretsmanager:eu-west-1:${EXISTING.accountId}:secret:shop/prod/stripe-AbCdEf:api_key::` },
      ]);
    });

    it("an EC2 host in an existing VPC is placed in its first public subnet", () => {
      expect(after("dev-ec2-existing-vpc-uri: tools-dev-ec2", "aws_instance")[0]!.subnet_id).toBe(EXISTING.publicSubnetIds[0]);
    });

    it("the EC2 host boots the AMI that the AL2023 SSM parameter names", () => {
      expect(after("prod-ec2-https-arm64: blog-prod-ec2", "aws_instance")[0]!.ami).toBe(defaultWorld().ssmParameters["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"]);
    });
  });

  describe("an image whose content was never published", () => {
    let empty: AwsStandin;
    let unpublished: Outcome;
    const variant = synthesized.find((v) => v.variant.name === "dev-both-plain-http")!;
    const fargate = variant.stacks.find((s) => s.stack === "hello-dev-fargate")!;

    beforeAll(async () => {
      empty = await startAwsStandin(worldFor([variant], false));
      unpublished = await check(root, fargate, tools, empty);
    }, TIMEOUT_MS);

    afterAll(async () => empty?.close());

    it("fails the plan", () => {
      expect(unpublished.plan?.code).toBe(1);
    });

    // Provider 5.100 says only "reading ECR Images: couldn't find resource" and the data source's address.
    it("names the missing content tag (h- and 24 hex digits, docs/images.md) in the plan's error", () => {
      expect(unpublished.plan?.stderr).toMatch(/Error: reading ECR Images: couldn't find resource[\s\S]*data\.aws_ecr_image\.image_h-[0-9a-f]{24}_/);
    });
  });
});
