import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Testing } from "cdktf";
import { Ec2Stack } from "../../../../stacks/targets/ec2/stack";
import type { ImageBuilds } from "../../../../stacks/images";
import { CONTENT_TAG, resolved, testApp, webBuild } from "../../../helpers";

const DIGEST = `sha256:${"c".repeat(64)}`;
const REPOSITORY_URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web";

function synth(overrides: Record<string, unknown> = {}, builds: ImageBuilds = webBuild()) {
  const config = resolved({ targets: ["ec2"], fargate: undefined, ...overrides });
  const stack = new Ec2Stack(testApp(), config, builds);
  const json = Testing.synth(stack);
  const parsed = JSON.parse(json);
  const all = (type: string) => Object.values((parsed.resource[type] ?? {}) as Record<string, Record<string, unknown>>);
  return { stack, json, parsed, all, association: all("aws_ssm_association")[0]! };
}

describe("Ec2Stack", () => {
  it("is named <app>-<stage>-ec2", () => {
    expect(synth().stack.node.id).toBe("shop-dev-ec2");
  });

  it("builds its own one-AZ VPC with a public subnet only, and puts the host there", () => {
    const { json, all } = synth();
    expect([all("aws_subnet").length, all("aws_nat_gateway").length]).toEqual([1, 0]);
    expect(json).toHaveResourceWithProperties(Subnet, { tags: { Name: "shop-dev-public-0", "berth:tier": "public" } });
    expect(all("aws_instance")[0]!.subnet_id).toMatch(/^\$\{aws_subnet\.network_public-0_\w+\.id\}$/);
  });

  it("uses the first public subnet of an existing network", () => {
    const { all } = synth({ network: { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] } });
    expect([all("aws_vpc").length, all("aws_instance")[0]!.subnet_id, all("aws_security_group")[0]!.vpc_id]).toEqual([0, "subnet-0aaa1111", "vpc-0abc1234"]);
  });

  it("dev preset: t3.small, no Elastic IP, no termination protection, basic monitoring", () => {
    const { json } = synth();
    expect(json).toHaveResourceWithProperties(Instance, { instance_type: "t3.small", disable_api_termination: false, monitoring: false });
    expect(json).not.toHaveResource(Eip);
  });

  it("prod preset: t3.medium, an Elastic IP, termination protection and detailed monitoring", () => {
    const { json } = synth({ stage: "prod" });
    expect(json).toHaveResourceWithProperties(Instance, { instance_type: "t3.medium", disable_api_termination: true, monitoring: true });
    expect(json).toHaveResource(Eip);
  });

  it("lets a prod spec turn termination protection and detailed monitoring off", () => {
    expect(synth({ stage: "prod", ec2: { terminationProtection: false, detailedMonitoring: false } }).json).toHaveResourceWithProperties(Instance, {
      disable_api_termination: false,
      monitoring: false,
    });
  });

  it("takes a Graviton type for a linux/arm64 image", () => {
    expect(synth({ image: { context: "./app", platform: "linux/arm64" } }).json).toHaveResourceWithProperties(Instance, { instance_type: "t4g.small" });
  });

  it("keeps the containers' logs for the stage's retention", () => {
    expect(synth({ stage: "prod" }).all("aws_cloudwatch_log_group").map((g) => [g.name, g.retention_in_days])).toContainEqual(["/berth/shop-prod/ec2", 90]);
  });

  it("protects the data volume from destroy unless the spec says otherwise", () => {
    const lifecycleOf = (overrides: Record<string, unknown>) => synth(overrides).all("aws_ebs_volume")[0]!.lifecycle;
    expect([lifecycleOf({}), lifecycleOf({ ec2: { protectDataVolume: false } })]).toEqual([{ prevent_destroy: true }, { prevent_destroy: false }]);
  });

  it("sizes the volumes from the spec", () => {
    const { json } = synth({ ec2: { dataVolumeGiB: 100, rootVolumeGiB: 30 } });
    expect(json).toHaveResourceWithProperties(EbsVolume, { size: 100 });
    expect(json).toHaveResourceWithProperties(Instance, { root_block_device: expect.objectContaining({ volume_size: 30 }) });
  });

  it("pins the published image of the registry stack's repository by digest", () => {
    const published = { image: "web", region: "eu-west-1", repositoryUri: REPOSITORY_URI, digest: DIGEST, platform: "linux/amd64", tags: [], contentHash: "0".repeat(64), pushedAt: "2025-01-01T00:00:00Z" } as const;
    expect((synth({}, webBuild(published)).association.parameters as Record<string, string>).images).toBe(`web=${REPOSITORY_URI}@${DIGEST}`);
  });

  it("without a published image, looks up its content tag in the repository <app>-<stage>/web", () => {
    expect(Object.values(synth().parsed.data.aws_ecr_image)).toEqual([{ repository_name: "shop-dev/web", image_tag: CONTENT_TAG }]);
  });

  it("uses an image given by URI as it is", () => {
    expect((synth({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } }).association.parameters as Record<string, string>).images).toBe("web=public.ecr.aws/nginx/nginx:1.27");
  });

  it("passes the app's port, environment and health check path to the release", () => {
    const parameters = synth({ port: 3000, environment: { LOG_LEVEL: "info" }, healthCheck: { path: "/up" } }).association.parameters as Record<string, string>;
    const decode = (name: string) => Buffer.from(parameters[name]!, "base64").toString("utf8");
    expect([decode("compose"), decode("settings")]).toEqual([expect.stringContaining("- 80:3000\n"), expect.stringContaining("BERTH_HEALTH_URL=http://127.0.0.1:80/up\n")]);
    expect(decode("compose")).toContain("- LOG_LEVEL=info\n");
  });

  it("passes the service's containerHealthCheck to the release's compose file", () => {
    const parameters = synth({ containerHealthCheck: { command: ["CMD", "/ready"], intervalSeconds: 15 } }).association.parameters as Record<string, string>;
    expect(Buffer.from(parameters.compose!, "base64").toString("utf8")).toContain("    healthcheck:\n      test:\n        - CMD\n        - /ready\n      interval: 15s\n      timeout: 5s\n      retries: 3\n      start_period: 0s\n");
  });

  it("passes the entrypoint to the release's compose file", () => {
    const parameters = synth({ entrypoint: ["/bin/start", "--migrate"] }).association.parameters as Record<string, string>;
    expect(Buffer.from(parameters.compose!, "base64").toString("utf8")).toContain("    entrypoint:\n      - /bin/start\n      - --migrate\n");
  });

  it("opens the spec's ingress sources", () => {
    expect((synth({ ec2: { ingressCidrs: ["198.51.100.0/24"] } }).all("aws_security_group")[0]!.ingress as { cidr_blocks: string[] }[])[0]!.cidr_blocks).toEqual(["198.51.100.0/24"]);
  });

  it("outputs the app URL, public IP and DNS name, instance ID and the Session Manager command", () => {
    expect(synth().parsed.output).toEqual({
      app_url: expect.objectContaining({ value: expect.stringMatching(/^http:\/\/\$\{aws_instance\.host_instance_\w+\.public_dns\}$/) }),
      public_ip: expect.objectContaining({ value: expect.stringMatching(/^\$\{aws_instance\.host_instance_\w+\.public_ip\}$/) }),
      public_dns: expect.objectContaining({ value: expect.stringMatching(/^\$\{aws_instance\.host_instance_\w+\.public_dns\}$/) }),
      instance_id: expect.objectContaining({ value: expect.stringMatching(/^\$\{aws_instance\.host_instance_\w+\.id\}$/) }),
      ssm_session_command: expect.objectContaining({
        value: expect.stringMatching(/^aws ssm start-session --target \$\{aws_instance\.host_instance_\w+\.id\} --region eu-west-1$/),
      }),
    });
  });

  it("outputs the Elastic IP's address and an https:// URL with a domain", () => {
    const { output } = synth({ stage: "prod", ec2: { https: { domain: "shop.example.com" } } }).parsed;
    expect([output.app_url.value, output.public_ip.value]).toEqual(["https://shop.example.com", expect.stringMatching(/^\$\{aws_eip\.host_ip_\w+\.public_ip\}$/)]);
  });

  it("tags every resource with app and stage through the provider", () => {
    expect(synth().parsed.provider.aws[0].default_tags[0].tags).toEqual({ "berth:app": "shop", "berth:stage": "dev" });
  });
});
