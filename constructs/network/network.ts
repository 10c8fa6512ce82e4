import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ValidationError, check, checkWholeNumber } from "../errors";
import { assumeRolePolicy, policyDocument } from "../iam";
import { retentionProblem } from "../limits/logs";
import { AZ_COUNT, SUBNET_NEW_BITS, cidrPrefix, subnetPrefixLength, vpcCidrProblem } from "../limits/network";

/** How private subnets reach the internet: not at all, through one NAT gateway, or one per AZ. */
export type NatMode = "none" | "single" | "perAz";

export interface NetworkProps {
  /** Name prefix of the VPC and its parts (Name tags). */
  readonly name: string;
  /** AWS region, for VPC endpoint service names. */
  readonly region: string;
  /**
   * IPv4 range of the VPC, /16 to /24. Every subnet is one sixteenth of it (4 more prefix bits:
   * /20 slices of a /16, /27 of a /23, /28 of a /24), whatever `azCount`. @default "10.0.0.0/16"
   */
  readonly cidrBlock?: string;
  /** Availability zones to spread over (the first N that are available). @default 2 */
  readonly azCount?: number;
  /** Private subnets for tasks; a lone EC2 host needs only public ones. @default true */
  readonly privateSubnets?: boolean;
  /** NAT for private subnets. "none" requires `vpcEndpoints`. @default "single" */
  readonly natGateways?: NatMode;
  /** Interface endpoints (ecr.api, ecr.dkr, logs, secretsmanager, ssm) and the S3 gateway endpoint in the private subnets, so image pulls and logs need no NAT. @default false */
  readonly vpcEndpoints?: boolean;
  /**
   * With `vpcEndpoints`, also the `ssmmessages` interface endpoint: the channel of ECS Exec
   * sessions, which without NAT can connect only through it. Ignored without `vpcEndpoints`.
   * @default false
   */
  readonly ssmMessagesEndpoint?: boolean;
  /** Retention of the VPC flow log group. @default 14 */
  readonly flowLogRetentionDays?: number;
}

const INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm"] as const;

/**
 * A VPC across `azCount` AZs: public subnets (ALB, NAT, a host) and private subnets (tasks) with no
 * public IPs, NAT as chosen, optional VPC endpoints, flow logs, and the default security group
 * emptied so nothing can use it by accident.
 */
export class Network extends Construct {
  readonly vpcId: string;
  readonly cidrBlock: string;
  /** Prefix length of every subnet (e.g. 20 for a /16 VPC): what a load balancer checks its size against. */
  readonly subnetPrefixLength: number;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const cidrBlock = props.cidrBlock ?? "10.0.0.0/16";
    const azCount = props.azCount ?? 2;
    const withPrivate = props.privateSubnets ?? true;
    const natGateways = withPrivate ? (props.natGateways ?? "single") : "none";
    const vpcEndpoints = withPrivate && (props.vpcEndpoints ?? false);
    const flowLogRetentionDays = props.flowLogRetentionDays ?? 14;

    checkWholeNumber(this, "azCount", azCount, AZ_COUNT);
    check(this, "cidrBlock", cidrBlock, vpcCidrProblem(cidrBlock));
    check(this, "flowLogRetentionDays", flowLogRetentionDays, retentionProblem(flowLogRetentionDays));
    const prefix = cidrPrefix(cidrBlock);
    if (withPrivate && natGateways === "none" && !vpcEndpoints) {
      throw new ValidationError(
        this,
        'natGateways "none" without vpcEndpoints leaves private subnets with no way to pull images or write logs: set vpcEndpoints: true, or choose natGateways "single" or "perAz"',
      );
    }

    const vpc = new Vpc(this, "vpc", { cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.name } });
    new DefaultSecurityGroup(this, "default-sg", { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${props.name}-default-unused` } });
    const azs = new DataAwsAvailabilityZones(this, "azs", { state: "available", filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] });
    const igw = new InternetGateway(this, "igw", { vpcId: vpc.id, tags: { Name: props.name } });

    // Public subnets take /20 slices 0..5, private ones 8..13 (for a /16): room to add AZs later.
    const newBits = SUBNET_NEW_BITS;
    const az = (i: number) => Fn.element(azs.names, i);
    const publicRoutes = new RouteTable(this, "public-routes", { vpcId: vpc.id, tags: { Name: `${props.name}-public` } });
    new Route(this, "public-default", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    const publicSubnets = Array.from({ length: azCount }, (_, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: vpc.id,
        availabilityZone: az(i),
        cidrBlock: Fn.cidrsubnet(cidrBlock, newBits, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${i}`, "berth:tier": "public" },
      });
      new RouteTableAssociation(this, `public-${i}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });

    const natIds =
      natGateways === "none"
        ? []
        : publicSubnets.slice(0, natGateways === "single" ? 1 : azCount).map((subnet, i) => {
            const eip = new Eip(this, `nat-${i}-ip`, { domain: "vpc", tags: { Name: `${props.name}-nat-${i}` } });
            return new NatGateway(this, `nat-${i}`, { allocationId: eip.id, subnetId: subnet.id, tags: { Name: `${props.name}-nat-${i}` }, dependsOn: [igw] }).id;
          });

    const privateRouteTables: RouteTable[] = [];
    const privateSubnets = withPrivate
      ? Array.from({ length: azCount }, (_, i) => {
          const subnet = new Subnet(this, `private-${i}`, {
            vpcId: vpc.id,
            availabilityZone: az(i),
            cidrBlock: Fn.cidrsubnet(cidrBlock, newBits, i + 8),
            mapPublicIpOnLaunch: false,
            tags: { Name: `${props.name}-private-${i}`, "berth:tier": "private" },
          });
          const routes = new RouteTable(this, `private-${i}-routes`, { vpcId: vpc.id, tags: { Name: `${props.name}-private-${i}` } });
          const natId = natIds[natGateways === "perAz" ? i : 0];
          if (natId) new Route(this, `private-${i}-default`, { routeTableId: routes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: natId });
          new RouteTableAssociation(this, `private-${i}-assoc`, { subnetId: subnet.id, routeTableId: routes.id });
          privateRouteTables.push(routes);
          return subnet;
        })
      : [];

    if (vpcEndpoints) {
      const endpointSg = new SecurityGroup(this, "endpoints-sg", {
        name: `${props.name}-endpoints`,
        description: "HTTPS from inside the VPC to the AWS service endpoints",
        vpcId: vpc.id,
        ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [cidrBlock] }],
        egress: [],
        tags: { Name: `${props.name}-endpoints` },
      });
      for (const service of [...INTERFACE_ENDPOINTS, ...(props.ssmMessagesEndpoint ? ["ssmmessages"] : [])]) {
        new VpcEndpoint(this, `endpoint-${service.replace(".", "-")}`, {
          vpcId: vpc.id,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: privateSubnets.map((s) => s.id),
          securityGroupIds: [endpointSg.id],
          tags: { Name: `${props.name}-${service}` },
        });
      }
      // ECR stores image layers in S3: the gateway endpoint keeps those pulls off the NAT too.
      new VpcEndpoint(this, "endpoint-s3", {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${props.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: privateRouteTables.map((t) => t.id),
        tags: { Name: `${props.name}-s3` },
      });
    }

    this.addFlowLogs(vpc, props.name, flowLogRetentionDays);
    this.vpcId = vpc.id;
    this.cidrBlock = cidrBlock;
    this.subnetPrefixLength = subnetPrefixLength(prefix);
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
  }

  private addFlowLogs(vpc: Vpc, name: string, retentionDays: number): void {
    const logGroup = new CloudwatchLogGroup(this, "flow-log-group", { name: `/berth/${name}/vpc-flow-logs`, retentionInDays: retentionDays });
    const account = new DataAwsCallerIdentity(this, "account");
    const role = new IamRole(this, "flow-log-role", {
      name: `${name}-vpc-flow-logs`,
      assumeRolePolicy: assumeRolePolicy("vpc-flow-logs.amazonaws.com", account.accountId),
    });
    new IamRolePolicy(this, "flow-log-policy", {
      role: role.name,
      name: "write-flow-logs",
      policy: policyDocument([
        { actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [logGroup.arn, `${logGroup.arn}:*`] },
      ]),
    });
    new FlowLog(this, "flow-log", {
      vpcId: vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
    });
  }
}
