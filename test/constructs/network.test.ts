import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Testing } from "cdktf";
import { Network, type NetworkProps } from "../../constructs/network";
import { errorOf } from "../helpers";

function synth(props: Partial<NetworkProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new Network(scope, "network", { name: "shop-dev", region: "eu-west-1", ...props });
  });
  const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
  const all = (type: string) => Object.values(resources[type] ?? {});
  return { json, all };
}

describe("Network", () => {
  it("defaults to a 10.0.0.0/16 VPC with DNS support", () => {
    expect(synth().json).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16", enable_dns_hostnames: true, enable_dns_support: true });
  });

  it("defaults to 2 AZs: 2 public and 2 private subnets", () => {
    const tiers = synth().all("aws_subnet").map((s) => (s.tags as Record<string, string>)["berth:tier"]);
    expect(tiers.sort()).toEqual(["private", "private", "public", "public"]);
  });

  it("never maps public IPs on launch, in any subnet", () => {
    expect(synth().all("aws_subnet").map((s) => s.map_public_ip_on_launch)).toEqual([false, false, false, false]);
  });

  it("spreads subnets over distinct AZs and CIDR slices", () => {
    const subnets = synth({ azCount: 3 }).all("aws_subnet");
    expect(new Set(subnets.map((s) => s.cidr_block)).size).toBe(6);
    expect(subnets.filter((s) => (s.tags as Record<string, string>)["berth:tier"] === "public").map((s) => s.availability_zone)).toEqual([
      expect.stringContaining(", 0)"),
      expect.stringContaining(", 1)"),
      expect.stringContaining(", 2)"),
    ]);
  });

  it("defaults to a single NAT gateway", () => {
    expect(synth().all("aws_nat_gateway")).toHaveLength(1);
  });

  it("routes every private subnet through the single NAT", () => {
    const routes = synth().all("aws_route").filter((r) => r.nat_gateway_id);
    expect(routes).toHaveLength(2);
    expect(new Set(routes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  it("creates one NAT gateway per AZ with perAz", () => {
    const { all } = synth({ azCount: 3, natGateways: "perAz" });
    expect(all("aws_nat_gateway")).toHaveLength(3);
    expect(new Set(all("aws_route").filter((r) => r.nat_gateway_id).map((r) => r.nat_gateway_id)).size).toBe(3);
  });

  it("defaults to no VPC endpoints", () => {
    expect(synth().json).not.toHaveResource(VpcEndpoint);
  });

  it("with vpcEndpoints: ECR API and Docker, logs, Secrets Manager, SSM interface endpoints and the S3 gateway", () => {
    const names = synth({ vpcEndpoints: true, natGateways: "none" }).all("aws_vpc_endpoint").map((e) => `${e.vpc_endpoint_type} ${e.service_name}`);
    expect(names.sort()).toEqual([
      "Gateway com.amazonaws.eu-west-1.s3",
      "Interface com.amazonaws.eu-west-1.ecr.api",
      "Interface com.amazonaws.eu-west-1.ecr.dkr",
      "Interface com.amazonaws.eu-west-1.logs",
      "Interface com.amazonaws.eu-west-1.secretsmanager",
      "Interface com.amazonaws.eu-west-1.ssm",
    ]);
  });

  it("with natGateways none and endpoints: no NAT and no default route in private subnets", () => {
    const { all } = synth({ vpcEndpoints: true, natGateways: "none" });
    expect([all("aws_nat_gateway").length, all("aws_route").filter((r) => r.nat_gateway_id).length]).toEqual([0, 0]);
  });

  it("manages the default security group with no rules", () => {
    expect(synth().json).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });

  it("logs all traffic to CloudWatch, kept 14 days by default", () => {
    const { json } = synth();
    expect(json).toHaveResourceWithProperties(FlowLog, { traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/berth/shop-dev/vpc-flow-logs", retention_in_days: 14 });
  });

  it("lets the flow log role write only its own log group", () => {
    const policy = JSON.parse(synth().all("aws_iam_role_policy")[0]!.policy as string);
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group.[\w-]+\.arn\}$/), expect.stringMatching(/^\$\{aws_cloudwatch_log_group.[\w-]+\.arn\}:\*$/)],
      },
    ]);
  });

  // Confused-deputy guard from the VPC User Guide (flow-logs-iam-role.html, "trust relationship"):
  // the service may assume the role only on behalf of this account.
  it("lets VPC Flow Logs assume the flow log role only for this account (aws:SourceAccount condition)", () => {
    const trust = JSON.parse(synth().all("aws_iam_role")[0]!.assume_role_policy as string);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/) } },
      },
    ]);
  });

  it("without private subnets: public subnets only, no NAT", () => {
    const { all } = synth({ privateSubnets: false, azCount: 1 });
    expect([all("aws_subnet").length, all("aws_nat_gateway").length]).toEqual([1, 0]);
  });

  it("fails when natGateways is none without endpoints", () => {
    expect(errorOf(() => synth({ natGateways: "none" }))).toMatch(/^stack\/network: natGateways "none" without vpcEndpoints leaves private subnets/);
  });

  it("fails on a CIDR outside /16-/24", () => {
    expect(errorOf(() => synth({ cidrBlock: "10.0.0.0/8" }))).toBe('stack/network: cidrBlock must be an IPv4 CIDR from /16 to /24 like "10.0.0.0/16", got "10.0.0.0/8"');
  });

  it("fails on an azCount above 6", () => {
    expect(errorOf(() => synth({ azCount: 7 }))).toBe("stack/network: azCount must be a whole number from 1 to 6, got 7");
  });

  it("tags subnets by tier for lookups", () => {
    expect(synth().json).toHaveResourceWithProperties(Subnet, { tags: { Name: "shop-dev-public-0", "berth:tier": "public" } });
  });
});

describe("Network: the ssmmessages endpoint for ECS Exec", () => {
  // ECS Developer Guide, ecs-exec.html: without NAT, ECS Exec needs the ssmmessages interface endpoint.
  it("with vpcEndpoints and ssmMessagesEndpoint: adds the ssmmessages interface endpoint in the private subnets", () => {
    const endpoint = synth({ vpcEndpoints: true, natGateways: "none", ssmMessagesEndpoint: true })
      .all("aws_vpc_endpoint")
      .find((e) => e.service_name === "com.amazonaws.eu-west-1.ssmmessages");
    expect(endpoint).toMatchObject({
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      subnet_ids: [expect.stringContaining("private-0"), expect.stringContaining("private-1")],
    });
  });

  it("with ssmMessagesEndpoint but no vpcEndpoints: creates no endpoint (sessions go through the NAT)", () => {
    expect(synth({ ssmMessagesEndpoint: true }).all("aws_vpc_endpoint")).toEqual([]);
  });
});

describe("Network: subnet sizes", () => {
  // Every subnet is one sixteenth of the VPC: 4 more prefix bits.
  it("reports /20 subnets for a /16 VPC", () => {
    let prefix = 0;
    Testing.synthScope((scope) => {
      prefix = new Network(scope, "network", { name: "shop-dev", region: "eu-west-1", cidrBlock: "10.0.0.0/16" }).subnetPrefixLength;
    });
    expect(prefix).toBe(20);
  });

  it("reports /28 subnets for a /24 VPC", () => {
    let prefix = 0;
    Testing.synthScope((scope) => {
      prefix = new Network(scope, "network", { name: "shop-dev", region: "eu-west-1", cidrBlock: "10.0.0.0/24" }).subnetPrefixLength;
    });
    expect(prefix).toBe(28);
  });

  it("cuts a /24 VPC into /28 subnets (4 more prefix bits), as it reports", () => {
    expect(synth({ cidrBlock: "10.0.0.0/24" }).all("aws_subnet").map((s) => s.cidr_block).sort()).toEqual([
      '${cidrsubnet("10.0.0.0/24", 4, 0)}',
      '${cidrsubnet("10.0.0.0/24", 4, 1)}',
      '${cidrsubnet("10.0.0.0/24", 4, 8)}',
      '${cidrsubnet("10.0.0.0/24", 4, 9)}',
    ]);
  });
});
