import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient, ImageNotFoundException, ListImagesCommand, RepositoryNotFoundException } from "@aws-sdk/client-ecr";
import { DescribeClustersCommand, ECSClient } from "@aws-sdk/client-ecs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { defaultWorld, providerOverride, startAwsStandin, type AwsStandin, type AwsWorld } from "./support/aws-standin";
import { describeWithTerraform, terraform, type TerraformRun } from "./support/terraform";

/** The stand-in as AWS SDK clients and the Terraform AWS provider see it. */

const OLDER = `sha256:${"1a".repeat(32)}`;
const NEWER = `sha256:${"2b".repeat(32)}`;
const ZONE_ID = "Z0123456789ABCDEFGHIJ";
const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

const world: AwsWorld = defaultWorld({
  ecrRepositories: [
    {
      name: "shop-dev/web",
      images: [
        { digest: OLDER, tags: ["h-111"], pushedAt: "2026-11-01T10:00:00Z" },
        { digest: NEWER, tags: ["h-222"], pushedAt: "2026-11-02T10:00:00Z" },
      ],
    },
  ],
  ecsClusters: [{ name: "shared" }],
  hostedZones: [{ id: ZONE_ID, name: "example.com" }],
});

const clientConfig = (standin: AwsStandin) => ({
  endpoint: standin.url,
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
  maxAttempts: 1,
});

/** A SigV4-looking Authorization header (the stand-in reads only its scope). */
const authorization = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDTEST/20261127/eu-west-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;

async function post(standin: AwsStandin, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const response = await fetch(standin.url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}

describe("AWS stand-in, called directly", () => {
  let standin: AwsStandin;
  let ecr: ECRClient;

  beforeAll(async () => {
    standin = await startAwsStandin(world);
    ecr = new ECRClient(clientConfig(standin));
  });

  afterAll(async () => {
    ecr.destroy();
    await standin.close();
  });

  it("listens on 127.0.0.1", () => {
    expect(standin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("ECR DescribeRepositories returns the repository URI in the world's account and region", async () => {
    const output = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ["shop-dev/web"] }));
    expect(output.repositories?.map((r) => r.repositoryUri)).toEqual(["123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web"]);
  });

  it("ECR DescribeRepositories of a missing repository throws RepositoryNotFoundException with ECR's message", async () => {
    const error = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ["shop-dev/api"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepositoryNotFoundException);
    expect((error as Error).message).toBe("The repository with name 'shop-dev/api' does not exist in the registry with id '123456789012'");
  });

  it("ECR DescribeImages by tag returns the digest of the image carrying the tag", async () => {
    const output = await ecr.send(new DescribeImagesCommand({ repositoryName: "shop-dev/web", imageIds: [{ imageTag: "h-222" }] }));
    expect(output.imageDetails?.map((d) => d.imageDigest)).toEqual([NEWER]);
  });

  it("ECR DescribeImages of an unpublished tag throws ImageNotFoundException with ECR's message", async () => {
    const error = await ecr.send(new DescribeImagesCommand({ repositoryName: "shop-dev/web", imageIds: [{ imageTag: "h-abc" }] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageNotFoundException);
    expect((error as Error).message).toBe(
      "The image with imageId {imageDigest:'null', imageTag:'h-abc'} does not exist within the repository with name 'shop-dev/web' in the registry with id '123456789012'",
    );
  });

  it("ECS DescribeClusters returns a known cluster as ACTIVE", async () => {
    const ecs = new ECSClient(clientConfig(standin));
    const output = await ecs.send(new DescribeClustersCommand({ clusters: ["shared"] }));
    ecs.destroy();
    expect(output.clusters?.map((c) => [c.clusterArn, c.status])).toEqual([["arn:aws:ecs:eu-west-1:123456789012:cluster/shared", "ACTIVE"]]);
  });

  it("ECS DescribeClusters lists an unknown cluster under failures with reason MISSING", async () => {
    const ecs = new ECSClient(clientConfig(standin));
    const output = await ecs.send(new DescribeClustersCommand({ clusters: ["gone"] }));
    ecs.destroy();
    expect({ clusters: output.clusters, failures: output.failures }).toEqual({ clusters: [], failures: [{ arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/gone", reason: "MISSING" }] });
  });

  it("ECS DescribeClusters without include returns no settings, tags or statistics", async () => {
    const ecs = new ECSClient(clientConfig(standin));
    const output = await ecs.send(new DescribeClustersCommand({ clusters: ["shared"] }));
    ecs.destroy();
    const cluster = output.clusters?.[0];
    expect([cluster?.settings, cluster?.tags, cluster?.statistics]).toEqual([undefined, undefined, undefined]);
  });

  it("ECS DescribeClusters with include SETTINGS and TAGS returns those two only", async () => {
    const ecs = new ECSClient(clientConfig(standin));
    const output = await ecs.send(new DescribeClustersCommand({ clusters: ["shared"], include: ["SETTINGS", "TAGS"] }));
    ecs.destroy();
    const cluster = output.clusters?.[0];
    expect([cluster?.settings, cluster?.tags, cluster?.statistics]).toEqual([[{ name: "containerInsights", value: "enabled" }], [], undefined]);
  });

  it("a JSON request member the stand-in does not know is refused with ValidationException and recorded", async () => {
    const body = JSON.stringify({ Name: "/shop/x", Unknown: true });
    const reply = await post(standin, { authorization: authorization("ssm"), "x-amz-target": "AmazonSSM.GetParameter", "content-type": "application/x-amz-json-1.1" }, body);
    expect({ status: reply.status, type: (JSON.parse(reply.body) as { __type: string }).__type, refused: standin.refused.at(-1) }).toEqual({
      status: 400,
      type: "ValidationException",
      refused: { service: "ssm", action: "GetParameter", reason: "ValidationException: berth's stand-in does not know the GetParameter member(s) Unknown" },
    });
  });

  it("STS GetCallerIdentity returns the world's account", async () => {
    const sts = new STSClient(clientConfig(standin));
    const output = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(output.Account).toBe("123456789012");
  });

  it("SSM GetParameter of a missing parameter answers HTTP 400 ParameterNotFound", async () => {
    const reply = await post(standin, { authorization: authorization("ssm"), "x-amz-target": "AmazonSSM.GetParameter", "content-type": "application/x-amz-json-1.1" }, JSON.stringify({ Name: "/shop/missing" }));
    expect({ status: reply.status, type: (JSON.parse(reply.body) as { __type: string }).__type }).toEqual({ status: 400, type: "ParameterNotFound" });
  });

  it("EC2 DescribeSubnets of a missing subnet answers InvalidSubnetID.NotFound in EC2's error envelope", async () => {
    const reply = await post(standin, { authorization: authorization("ec2"), "content-type": "application/x-www-form-urlencoded" }, "Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=subnet-0dead");
    expect({ status: reply.status, body: reply.body.replace(/<RequestID>[^<]*</, "<RequestID><") }).toEqual({
      status: 400,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidSubnetID.NotFound</Code><Message>The subnet ID &#39;subnet-0dead&#39; does not exist</Message></Error></Errors><RequestID></RequestID></Response>`,
    });
  });

  it("an unknown ECR operation is answered with UnknownOperationException", async () => {
    const error = await ecr.send(new ListImagesCommand({ repositoryName: "shop-dev/web" })).catch((e: unknown) => e);
    expect((error as Error).name).toBe("UnknownOperationException");
  });

  it("an unknown ECR operation is recorded as refused", async () => {
    await ecr.send(new ListImagesCommand({ repositoryName: "shop-dev/web" })).catch(() => undefined);
    expect(standin.refused).toContainEqual({ service: "ecr", action: "ListImages", reason: "UnknownOperationException: Unknown operation ListImages" });
  });

  it("an unknown EC2 action is refused with InvalidAction and recorded", async () => {
    const reply = await post(standin, { authorization: authorization("ec2"), "content-type": "application/x-www-form-urlencoded" }, "Action=RunInstances&Version=2016-11-15");
    expect({ status: reply.status, code: /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1], recorded: standin.refused.some((r) => r.action === "RunInstances") }).toEqual({ status: 400, code: "InvalidAction", recorded: true });
  });

  it("a service the stand-in does not serve is refused with HTTP 400 and recorded", async () => {
    const reply = await post(standin, { authorization: authorization("iam"), "content-type": "application/x-www-form-urlencoded" }, "Action=GetUser&Version=2010-05-08");
    expect({ status: reply.status, recorded: standin.refused.some((r) => r.service === "iam") }).toEqual({ status: 400, recorded: true });
  });

  it("a request without an Authorization header is refused with 403 MissingAuthenticationToken and recorded", async () => {
    const reply = await post(standin, { "content-type": "application/x-www-form-urlencoded" }, "Action=GetCallerIdentity&Version=2011-06-15");
    const code = /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1];
    expect({ status: reply.status, code, recorded: standin.refused.some((r) => r.action === "GetCallerIdentity") }).toEqual({ status: 403, code: "MissingAuthenticationToken", recorded: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Terraform

/** A configuration shaped like a synthesized stack: pretty JSON, provider with region and default tags. */
function stackJson(awsProviderVersion: string, data: Record<string, Record<string, unknown>>): string {
  const config = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: awsProviderVersion } } },
    provider: { aws: [{ region: "eu-west-1", default_tags: [{ tags: { "berth:app": "shop" } }] }] },
    data,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Every data source berth's stacks use, plus aws_vpc and aws_route53_zone. */
const EVERY_DATA_SOURCE = {
  aws_availability_zones: { azs: { state: "available", filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] } },
  aws_caller_identity: { account: {} },
  aws_partition: { partition: {} },
  aws_vpc: { vpc: { id: world.vpcs[0]!.vpcId } },
  aws_subnet: { subnet: { id: world.subnets[0]!.subnetId } },
  aws_ssm_parameter: { ami: { name: AMI_PARAMETER } },
  aws_ecr_repository: { repository: { name: "shop-dev/web" } },
  aws_ecr_image: { tagged: { repository_name: "shop-dev/web", image_tag: "h-111" }, latest: { repository_name: "shop-dev/web", most_recent: true } },
  aws_ecs_cluster: { cluster: { cluster_name: "shared" } },
  aws_route53_zone: { zone: { zone_id: ZONE_ID } },
};

const UNPUBLISHED = { aws_ecr_image: { unpublished: { repository_name: "shop-dev/web", image_tag: "h-abc" } } };

const printed = (run: TerraformRun) => `terraform ${run.args.join(" ")} exited ${run.code}:\n${run.stdout}\n${run.stderr}`;

describeWithTerraform("AWS stand-in under terraform plan", (tools) => {
  let root: string;
  let standin: AwsStandin;
  let plan: TerraformRun;
  let unpublished: TerraformRun;
  /** Data source address → attribute values, as the plan read them. */
  const read = new Map<string, Record<string, unknown>>();

  /** init and plan of `data` in a new directory, with the stand-in's provider override. */
  async function planOf(name: string, data: Record<string, Record<string, unknown>>): Promise<{ dir: string; plan: TerraformRun }> {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "cdk.tf.json"), stackJson(tools.awsProviderVersion, data));
    writeFileSync(join(dir, "standin_override.tf.json"), JSON.stringify(providerOverride(standin.endpoints, "eu-west-1"), null, 2));
    const init = await terraform(dir, ["init", "-input=false", "-no-color", `-plugin-dir=${tools.pluginDir}`]);
    if (init.code !== 0) return { dir, plan: init };
    return { dir, plan: await terraform(dir, ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.tfplan"]) };
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "berth-aws-standin-"));
    standin = await startAwsStandin(world);
    const [good, bad] = await Promise.all([planOf("every-data-source", EVERY_DATA_SOURCE), planOf("unpublished", UNPUBLISHED)]);
    plan = good.plan;
    unpublished = bad.plan;
    if (plan.code !== 0) return;
    const show = await terraform(good.dir, ["show", "-json", "-no-color", "plan.tfplan"]);
    const json = JSON.parse(show.stdout) as { prior_state?: { values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } } } };
    for (const resource of json.prior_state?.values?.root_module?.resources ?? []) read.set(resource.address, resource.values);
  }, 600000);

  afterAll(async () => {
    await standin?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("plans every data source from empty state", () => {
    expect(plan.code === 0 ? "planned" : printed(plan)).toBe("planned");
  });

  it("refuses no call of either plan", () => {
    expect(standin.refused).toEqual([]);
  });

  it("resolves an image tag to the digest of the image carrying it", () => {
    expect(read.get("data.aws_ecr_image.tagged")?.image_digest).toBe(OLDER);
  });

  it("resolves most_recent to the image pushed last", () => {
    expect(read.get("data.aws_ecr_image.latest")?.image_digest).toBe(NEWER);
  });

  it("reads the AMI id from the SSM parameter", () => {
    expect(read.get("data.aws_ssm_parameter.ami")?.value).toBe(world.ssmParameters[AMI_PARAMETER]);
  });

  // Provider 5.100 turns ECR's ImageNotFoundException into "couldn't find resource", dropping
  // ECR's message: its error names the data source, not the tag. The stand-in keeps the message.
  it("fails a plan whose image tag was never published, naming the aws_ecr_image data source", () => {
    expect({ code: unpublished.code, error: /Error: reading ECR Images: couldn't find resource\s+with data\.aws_ecr_image\.unpublished,/.test(unpublished.stderr) }).toEqual({ code: 1, error: true });
  });

  it("records ECR's answer to the never-published tag, which names the tag and the repository", () => {
    expect(standin.requests).toContainEqual({
      service: "ecr",
      action: "DescribeImages",
      error: "ImageNotFoundException: The image with imageId {imageDigest:'null', imageTag:'h-abc'} does not exist within the repository with name 'shop-dev/web' in the registry with id '123456789012'",
    });
  });
});
