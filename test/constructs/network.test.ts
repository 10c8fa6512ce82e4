import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Testing } from "cdktf";
import { Network, type NetworkProps } from "../../constructs/network";
import { errorOf, terraformRef } from "../helpers";

function synth(props: Partial<NetworkProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new Network(scope, "network", { name: "shop-dev", region: "eu-west-1", ...props });
  });
  const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
  const all = (type: string) => Object.values(resources[type] ?? {});
  /** The resource of `type` whose construct id (under "network") is `id`. */
  const one = (type: string, id: string) => Object.entries(resources[type] ?? {}).find(([key]) => key.startsWith(`network_${id}_`))?.[1];
  return { json, all, one };
}

/** A Terraform reference to the `attribute` of the network's resource `type` with construct id `id`. */
const ref = (type: string, id: string, attribute = "id") => terraformRef(type, attribute, `network_${id}_[0-9A-F]{8}`);

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

  it("with natGateways none and endpoints: no NAT, and no route but the public subnets' default route", () => {
    const { all } = synth({ vpcEndpoints: true, natGateways: "none" });
    expect([all("aws_nat_gateway").length, all("aws_route").map((r) => r.gateway_id ?? r.nat_gateway_id ?? "no target")]).toEqual([0, [expect.stringMatching(/^\$\{aws_internet_gateway\./)]]);
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
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group.[\w-]+\.arn\}$/), expect.stringMatching(/^\$\{aws_cloudwatch_log_group.[\w-]+\.arn\}:\*$/)],
        },
      ],
    });
  });

  // Confused-deputy guard from the VPC User Guide (flow-logs-iam-role.html, "trust relationship"):
  // the service may assume the role only on behalf of this account.
  it("lets VPC Flow Logs assume the flow log role only for this account (aws:SourceAccount condition)", () => {
    const trust = JSON.parse(synth().all("aws_iam_role")[0]!.assume_role_policy as string);
    // IAM User Guide, reference_policies_elements_version.html: "2012-10-17" is the current policy language version.
    expect(trust).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/) } },
        },
      ],
    });
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

describe("Network: the arguments of each resource", () => {
  const endpoints = () => synth({ vpcEndpoints: true, natGateways: "none" });

  it("names the VPC and its internet gateway after the network", () => {
    const { one } = synth();
    expect([one("aws_vpc", "vpc"), one("aws_internet_gateway", "igw")]).toEqual([
      { cidr_block: "10.0.0.0/16", enable_dns_hostnames: true, enable_dns_support: true, tags: { Name: "shop-dev" } },
      { vpc_id: ref("aws_vpc", "vpc"), tags: { Name: "shop-dev" } },
    ]);
  });

  // CIS AWS Foundations Benchmark 5.4: the default security group restricts all traffic.
  it("takes over the VPC's default security group with no ingress and no egress rule, named as unused", () => {
    expect(synth().one("aws_default_security_group", "default-sg")).toEqual({ vpc_id: ref("aws_vpc", "vpc"), ingress: [], egress: [], tags: { Name: "shop-dev-default-unused" } });
  });

  // EC2 API Reference, DescribeAvailabilityZones: Local and Wavelength Zones have opt-in-status
  // "opted-in"/"not-opted-in"; the Region's own zones have "opt-in-not-required".
  it("spreads subnets over the Region's own available AZs only (opt-in-status opt-in-not-required)", () => {
    expect(Object.values(JSON.parse(synth().json).data.aws_availability_zones)).toEqual([
      { state: "available", filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
    ]);
  });

  it("routes 0.0.0.0/0 of the public route table to the internet gateway", () => {
    const { one } = synth();
    expect([one("aws_route_table", "public-routes"), one("aws_route", "public-default")]).toEqual([
      { vpc_id: ref("aws_vpc", "vpc"), tags: { Name: "shop-dev-public" } },
      { route_table_id: ref("aws_route_table", "public-routes"), destination_cidr_block: "0.0.0.0/0", gateway_id: ref("aws_internet_gateway", "igw") },
    ]);
  });

  it("gives the NAT gateway a VPC elastic IP and puts it in the first public subnet, after the internet gateway", () => {
    const { one } = synth();
    expect([one("aws_eip", "nat-0-ip"), one("aws_nat_gateway", "nat-0")]).toEqual([
      { domain: "vpc", tags: { Name: "shop-dev-nat-0" } },
      {
        allocation_id: ref("aws_eip", "nat-0-ip"),
        subnet_id: ref("aws_subnet", "public-0"),
        tags: { Name: "shop-dev-nat-0" },
        depends_on: [expect.stringMatching(/^aws_internet_gateway\.network_igw_[0-9A-F]{8}$/)],
      },
    ]);
  });

  it("routes 0.0.0.0/0 of each private route table to the NAT gateway", () => {
    const { one } = synth();
    expect([one("aws_route_table", "private-1-routes"), one("aws_route", "private-1-default")]).toEqual([
      { vpc_id: ref("aws_vpc", "vpc"), tags: { Name: "shop-dev-private-1" } },
      { route_table_id: ref("aws_route_table", "private-1-routes"), destination_cidr_block: "0.0.0.0/0", nat_gateway_id: ref("aws_nat_gateway", "nat-0") },
    ]);
  });

  it("names each private subnet after the network and its index", () => {
    expect(synth().one("aws_subnet", "private-1")).toMatchObject({ tags: { Name: "shop-dev-private-1", "berth:tier": "private" }, map_public_ip_on_launch: false });
  });

  it("lets the endpoints' security group take HTTPS (tcp 443) from the VPC's CIDR only, and send nothing", () => {
    expect(endpoints().one("aws_security_group", "endpoints-sg")).toEqual({
      name: "shop-dev-endpoints",
      description: "HTTPS from inside the VPC to the AWS service endpoints",
      vpc_id: ref("aws_vpc", "vpc"),
      ingress: [
        { description: "HTTPS from the VPC", protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/16"], ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null },
      ],
      egress: [],
      tags: { Name: "shop-dev-endpoints" },
    });
  });

  // VPC PrivateLink guide: private DNS makes the service's default name resolve to the endpoint.
  it("puts each interface endpoint in the private subnets, behind the endpoints' security group, with private DNS", () => {
    expect(endpoints().one("aws_vpc_endpoint", "endpoint-ecr-dkr")).toEqual({
      vpc_id: ref("aws_vpc", "vpc"),
      service_name: "com.amazonaws.eu-west-1.ecr.dkr",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      subnet_ids: [ref("aws_subnet", "private-0"), ref("aws_subnet", "private-1")],
      security_group_ids: [ref("aws_security_group", "endpoints-sg")],
      tags: { Name: "shop-dev-ecr.dkr" },
    });
  });

  it("attaches the S3 gateway endpoint to the private route tables", () => {
    expect(endpoints().one("aws_vpc_endpoint", "endpoint-s3")).toEqual({
      vpc_id: ref("aws_vpc", "vpc"),
      service_name: "com.amazonaws.eu-west-1.s3",
      vpc_endpoint_type: "Gateway",
      route_table_ids: [ref("aws_route_table", "private-0-routes"), ref("aws_route_table", "private-1-routes")],
      tags: { Name: "shop-dev-s3" },
    });
  });

  it("names the flow log role and its policy, and sends the VPC's flow log through that role", () => {
    const { one } = synth();
    expect([one("aws_iam_role", "flow-log-role")?.name, one("aws_iam_role_policy", "flow-log-policy"), one("aws_flow_log", "flow-log")]).toEqual([
      "shop-dev-vpc-flow-logs",
      { role: ref("aws_iam_role", "flow-log-role", "name"), name: "write-flow-logs", policy: expect.any(String) },
      {
        vpc_id: ref("aws_vpc", "vpc"),
        traffic_type: "ALL",
        log_destination_type: "cloud-watch-logs",
        log_destination: ref("aws_cloudwatch_log_group", "flow-log-group", "arn"),
        iam_role_arn: ref("aws_iam_role", "flow-log-role", "arn"),
      },
    ]);
  });
});
