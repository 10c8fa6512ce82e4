import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the AWS read APIs that the Terraform AWS provider's data sources call
 * during `terraform plan`, so that a synthesized stack plans with no AWS account and no network.
 * It answers from an in-memory {@link AwsWorld} in each service's wire protocol (EC2, STS: query
 * protocol, XML answers; ECR, ECS, SSM: JSON 1.1; Route 53: REST-XML) with AWS's error shapes, and
 * refuses what it does not recognise the way AWS would, recording each refusal so that a test can
 * assert the plan met no gap in the stand-in. Signatures are not checked, only their presence.
 */

/** The AWS account the stand-in pretends to be. */
export interface AwsWorld {
  accountId: string;
  region: string;
  availabilityZones: { name: string; zoneId: string }[];
  vpcs: { vpcId: string; cidrBlock: string }[];
  subnets: { subnetId: string; vpcId: string; availabilityZone: string; cidrBlock: string; mapPublicIpOnLaunch?: boolean }[];
  /** `digest` is `sha256:<64 hex>`; `pushedAt` an ISO 8601 instant (`most_recent` picks the latest). */
  ecrRepositories: { name: string; images: { digest: string; tags: string[]; pushedAt: string; sizeBytes?: number }[] }[];
  ecsClusters: { name: string }[];
  /** Parameter name → value (type String). */
  ssmParameters: Record<string, string>;
  /** `id` without `/hostedzone/`; `name` with or without the final dot. */
  hostedZones?: { id: string; name: string }[];
}

/** A call the stand-in answered: its SigV4 scope's service, the operation, and the AWS error it answered with, if any. */
export interface StandinCall {
  service: string;
  action: string;
  /** `Code: message`, e.g. the `ImageNotFoundException` naming the missing tag. */
  error?: string;
}

/** A call the stand-in refused (unsigned, unknown service, operation or parameter), and why. */
export interface StandinRefusal {
  service: string;
  action: string;
  reason: string;
}

/** A running stand-in. */
export interface AwsStandin {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The provider's `endpoints` block: each served service → `url`. */
  endpoints: Record<string, string>;
  /** Calls answered, in order. */
  requests: StandinCall[];
  /** Calls refused, in order: a plan that needed any of them ran into a gap in the stand-in. */
  refused: StandinRefusal[];
  close(): Promise<void>;
}

/** The services served: SigV4 scope names, which are also the provider's `endpoints` keys. */
const STANDIN_SERVICES = ["ec2", "ecr", "ecs", "route53", "ssm", "sts"] as const;

/**
 * eu-west-1 in account 123456789012: three AZs, the Amazon Linux 2023 AMI parameters and one VPC
 * with two public and two private subnets; no ECR repository, ECS cluster or hosted zone.
 */
export function defaultWorld(overrides: Partial<AwsWorld> = {}): AwsWorld {
  const vpcId = "vpc-0a1b2c3d4e5f60718";
  const ami = "/aws/service/ami-amazon-linux-latest";
  return {
    accountId: "123456789012",
    region: "eu-west-1",
    availabilityZones: [
      { name: "eu-west-1a", zoneId: "euw1-az1" },
      { name: "eu-west-1b", zoneId: "euw1-az2" },
      { name: "eu-west-1c", zoneId: "euw1-az3" },
    ],
    vpcs: [{ vpcId, cidrBlock: "10.0.0.0/16" }],
    subnets: [
      { subnetId: "subnet-0aa0000000000a001", vpcId, availabilityZone: "eu-west-1a", cidrBlock: "10.0.0.0/20", mapPublicIpOnLaunch: true },
      { subnetId: "subnet-0aa0000000000a002", vpcId, availabilityZone: "eu-west-1b", cidrBlock: "10.0.16.0/20", mapPublicIpOnLaunch: true },
      { subnetId: "subnet-0bb0000000000b001", vpcId, availabilityZone: "eu-west-1a", cidrBlock: "10.0.128.0/20" },
      { subnetId: "subnet-0bb0000000000b002", vpcId, availabilityZone: "eu-west-1b", cidrBlock: "10.0.144.0/20" },
    ],
    ecrRepositories: [],
    ecsClusters: [],
    ssmParameters: {
      [`${ami}/al2023-ami-kernel-default-x86_64`]: "ami-0c1f3e0a5b7d9e2f4",
      [`${ami}/al2023-ami-kernel-default-arm64`]: "ami-0d2a4f1b6c8e0a3b5",
      [`${ami}/al2023-ami-minimal-kernel-default-x86_64`]: "ami-0e3b5a2c7d9f1b4c6",
      [`${ami}/al2023-ami-minimal-kernel-default-arm64`]: "ami-0f4c6b3d8e0a2c5d7",
    },
    hostedZones: [],
    ...overrides,
  };
}

/**
 * The provider settings that send the served services to the stand-in with dummy credentials and
 * no call of the provider's own (account lookup, credential check, metadata): write the result into
 * a `*_override.tf.json`. Terraform merges its arguments into the stack's `provider.aws` and
 * replaces the stack's `endpoints` block, if any.
 */
export function providerOverride(endpoints: Record<string, string>, region: string): { provider: { aws: Record<string, unknown> } } {
  return {
    provider: {
      aws: {
        region,
        access_key: "AKIDBERTHSTANDIN",
        secret_key: "berth-standin-secret",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        endpoints: [endpoints],
      },
    },
  };
}

/** Starts the stand-in on 127.0.0.1 (an ephemeral port), answering from `world`. */
export async function startAwsStandin(world: AwsWorld): Promise<AwsStandin> {
  const requests: StandinCall[] = [];
  const refused: StandinRefusal[] = [];
  const record = ({ call, error, refuse }: Reply) => {
    if (refuse) refused.push({ ...call, reason: error ?? "" });
    else requests.push(error === undefined ? call : { ...call, error });
  };
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => send(res, record, answer(world, req, body)),
      (error: unknown) => send(res, record, { status: 400, contentType: "text/plain", body: "unreadable request", call: { service: "?", action: "?" }, error: String(error), refuse: true }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoints: Object.fromEntries(STANDIN_SERVICES.map((service) => [service, url])),
    requests,
    refused,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The provider keeps connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Transport and dispatch

interface Reply {
  status: number;
  contentType: string;
  body: string;
  call: StandinCall;
  /** `Code: message` of an error answer. */
  error?: string;
  /** Whether the error is a refusal (something the stand-in does not recognise) rather than an answer. */
  refuse?: boolean;
}

/** The provider's requests are small; a bigger body is none of its calls. */
const MAX_BODY_BYTES = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, record: (reply: Reply) => void, reply: Reply): void {
  record(reply);
  res.writeHead(reply.status, { "content-type": reply.contentType, "content-length": Buffer.byteLength(reply.body), "x-amzn-requestid": randomUUID() });
  res.end(reply.body);
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261127/eu-west-1/ec2/aws4_request, …` → `ec2` */
function scopeService(authorization: string | undefined): string | undefined {
  return /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? "")?.[1];
}

function answer(world: AwsWorld, req: IncomingMessage, body: string): Reply {
  const header = req.headers["x-amz-target"];
  const target = typeof header === "string" ? header : undefined;
  const service = scopeService(req.headers.authorization);
  if (service === undefined) return unsigned(target, body);
  switch (service) {
    case "ec2":
      return ec2(world, new URLSearchParams(body));
    case "sts":
      return sts(world, new URLSearchParams(body));
    case "route53":
      return route53(world, req.method ?? "GET", new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  }
  const json = Object.hasOwn(JSON_SERVICES, service) ? JSON_SERVICES[service] : undefined;
  if (json === undefined) return unknownService(service, target !== undefined);
  return jsonService(world, service, json, target, body);
}

/** AWS answers an unsigned request with MissingAuthenticationToken before reading it. */
function unsigned(target: string | undefined, body: string): Reply {
  const call = { service: "?", action: target ?? new URLSearchParams(body).get("Action") ?? "?" };
  const message = "Request is missing Authentication Token";
  if (target !== undefined) return jsonError(call, 403, "MissingAuthenticationTokenException", message, true);
  return xmlError(call, 403, "MissingAuthenticationToken", message, STS_NS, true);
}

/** No AWS endpoint serves several services, so this refusal is the stand-in's own. */
function unknownService(service: string, json: boolean): Reply {
  const call = { service, action: "?" };
  const message = `The berth AWS stand-in does not serve '${service}' (it serves ${STANDIN_SERVICES.join(", ")}).`;
  return json ? jsonError(call, 400, "UnknownServiceException", message, true) : xmlError(call, 400, "UnknownService", message, STS_NS, true);
}

// ---------------------------------------------------------------------------------------------
// Wire formats

const EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ROUTE53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
const XML_TYPE = "text/xml;charset=UTF-8";
const JSON_11 = "application/x-amz-json-1.1";

/** Markup, kept apart from text so that no value from the world or a request can inject tags. */
class Xml {
  constructor(readonly text: string) {}
}

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** `<name>value</name>` for each defined field, text escaped. */
function fields(values: Record<string, string | number | boolean | Xml | undefined>): Xml {
  const parts = Object.entries(values).map(([name, value]) => (value === undefined ? "" : `<${name}>${value instanceof Xml ? value.text : escapeXml(String(value))}</${name}>`));
  return new Xml(parts.join(""));
}

/** A list as `<member>…</member>` elements (EC2 names every member `item`). */
function list(members: Xml[], member = "item"): Xml {
  return new Xml(members.map((xml) => `<${member}>${xml.text}</${member}>`).join(""));
}

function xmlReply(call: StandinCall, status: number, root: string, xmlns: string, content: Xml): Reply {
  return { status, contentType: XML_TYPE, body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${xmlns}">${content.text}</${root}>`, call };
}

/** The query protocol's and Route 53's error: `<ErrorResponse><Error><Type>Sender</Type><Code>…` */
function xmlError(call: StandinCall, status: number, code: string, message: string, xmlns: string, refuse = false): Reply {
  const content = fields({ Error: fields({ Type: "Sender", Code: code, Message: message }), RequestId: randomUUID() });
  return { ...xmlReply(call, status, "ErrorResponse", xmlns, content), error: `${code}: ${message}`, refuse };
}

/** EC2's own error envelope: `<Response><Errors><Error>…</Error></Errors><RequestID>…` */
function ec2Error(call: StandinCall, code: string, message: string, refuse = false): Reply {
  const content = fields({ Errors: fields({ Error: fields({ Code: code, Message: message }) }), RequestID: randomUUID() });
  return { status: 400, contentType: XML_TYPE, body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response>${content.text}</Response>`, call, error: `${code}: ${message}`, refuse };
}

function jsonReply(call: StandinCall, output: unknown): Reply {
  return { status: 200, contentType: JSON_11, body: JSON.stringify(output), call };
}

function jsonError(call: StandinCall, status: number, type: string, message: string, refuse = false): Reply {
  return { status, contentType: JSON_11, body: JSON.stringify({ __type: type, message }), call, error: `${type}: ${message}`, refuse };
}

/** Query-protocol list members `Prefix.1`, `Prefix.2`, … (bounded: AWS caps these lists far lower). */
function queryList(params: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let i = 1; i <= 1000; i++) {
    const value = params.get(`${prefix}.${i}`);
    if (value === null) break;
    values.push(value);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// EC2 (query protocol)

type Ec2Handler = (world: AwsWorld, params: URLSearchParams, call: StandinCall) => Reply;

function ec2(world: AwsWorld, params: URLSearchParams): Reply {
  const call = { service: "ec2", action: params.get("Action") ?? "?" };
  const handler = Object.hasOwn(EC2_HANDLERS, call.action) ? EC2_HANDLERS[call.action] : undefined;
  if (handler === undefined) return ec2Error(call, "InvalidAction", `The action ${call.action} is not valid for this web service.`, true);
  return handler(world, params, call);
}

function ec2Reply(call: StandinCall, content: Record<string, string | Xml>): Reply {
  return xmlReply(call, 200, `${call.action}Response`, EC2_NS, fields({ requestId: randomUUID(), ...content }));
}

/** A Describe call's id list: the `param.N` ids must all exist, else EC2 answers `code` naming the first missing one. */
interface Ec2Ids<T> {
  param: string;
  idOf: (item: T) => string;
  code: string;
  noun: string;
}

/**
 * The items that the request's ids and EC2 filters select. `filters` maps each filter name the
 * stand-in knows (with EC2's aliases) to an item's value; EC2 refuses an unknown filter name, and
 * so does the stand-in.
 */
function selectEc2<T>(items: T[], params: URLSearchParams, call: StandinCall, filters: Record<string, (item: T) => string>, ids?: Ec2Ids<T>): T[] | Reply {
  let kept = items;
  if (ids !== undefined) {
    const wanted = queryList(params, ids.param);
    const missing = wanted.find((id) => !items.some((item) => ids.idOf(item) === id));
    if (missing !== undefined) return ec2Error(call, ids.code, `The ${ids.noun} ID '${missing}' does not exist`);
    if (wanted.length > 0) kept = items.filter((item) => wanted.includes(ids.idOf(item)));
  }
  for (let i = 1; i <= 200; i++) {
    const name = params.get(`Filter.${i}.Name`);
    if (name === null) break;
    const values = queryList(params, `Filter.${i}.Value`);
    const read = Object.hasOwn(filters, name) ? filters[name] : undefined;
    if (read === undefined) return ec2Error(call, "InvalidParameterValue", `The filter '${name}' is invalid`, true);
    kept = kept.filter((item) => values.includes(read(item)));
  }
  return kept;
}

const EC2_HANDLERS: Record<string, Ec2Handler> = {
  DescribeAvailabilityZones(world, params, call) {
    const names = queryList(params, "ZoneName");
    const zoneIds = queryList(params, "ZoneId");
    const named = world.availabilityZones.filter((zone) => (names.length === 0 || names.includes(zone.name)) && (zoneIds.length === 0 || zoneIds.includes(zone.zoneId)));
    // Every zone is a standard one, available and opted in.
    const zones = selectEc2(named, params, call, {
      "zone-name": (zone) => zone.name,
      "zone-id": (zone) => zone.zoneId,
      state: () => "available",
      "opt-in-status": () => "opt-in-not-required",
      "region-name": () => world.region,
      "group-name": () => world.region,
      "zone-type": () => "availability-zone",
    });
    if (!Array.isArray(zones)) return zones;
    const info = zones.map((zone) =>
      fields({
        zoneName: zone.name,
        zoneId: zone.zoneId,
        zoneState: "available",
        optInStatus: "opt-in-not-required",
        regionName: world.region,
        groupName: world.region,
        networkBorderGroup: world.region,
        zoneType: "availability-zone",
        messageSet: new Xml(""),
      }),
    );
    return ec2Reply(call, { availabilityZoneInfo: list(info) });
  },

  DescribeVpcs(world, params, call) {
    const ids: Ec2Ids<(typeof world.vpcs)[number]> = { param: "VpcId", idOf: (vpc) => vpc.vpcId, code: "InvalidVpcID.NotFound", noun: "vpc" };
    const vpcs = selectEc2(
      world.vpcs,
      params,
      call,
      {
        "vpc-id": (vpc) => vpc.vpcId,
        cidr: (vpc) => vpc.cidrBlock,
        "cidr-block-association.cidr-block": (vpc) => vpc.cidrBlock,
        "is-default": () => "false",
        state: () => "available",
        "owner-id": () => world.accountId,
      },
      ids,
    );
    if (!Array.isArray(vpcs)) return vpcs;
    const items = vpcs.map((vpc) =>
      fields({
        vpcId: vpc.vpcId,
        ownerId: world.accountId,
        state: "available",
        cidrBlock: vpc.cidrBlock,
        cidrBlockAssociationSet: list([fields({ associationId: `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`, cidrBlock: vpc.cidrBlock, cidrBlockState: fields({ state: "associated" }) })]),
        dhcpOptionsId: "dopt-0123456789abcdef0",
        instanceTenancy: "default",
        isDefault: false,
      }),
    );
    return ec2Reply(call, { vpcSet: list(items) });
  },

  /** aws_vpc reads DNS support, DNS hostnames and address usage metrics one call each. */
  DescribeVpcAttribute(world, params, call) {
    const vpcId = params.get("VpcId") ?? "";
    const attribute = params.get("Attribute") ?? "";
    if (!world.vpcs.some((vpc) => vpc.vpcId === vpcId)) return ec2Error(call, "InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
    // As berth's network construct creates a VPC.
    const values: Record<string, boolean> = { enableDnsSupport: true, enableDnsHostnames: true, enableNetworkAddressUsageMetrics: false };
    const value = Object.hasOwn(values, attribute) ? values[attribute] : undefined;
    if (value === undefined) return ec2Error(call, "InvalidParameterValue", `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`, true);
    return ec2Reply(call, { vpcId, [attribute]: fields({ value }) });
  },

  /** Each VPC has its main route table only, with the local route; aws_vpc reads its id. */
  DescribeRouteTables(world, params, call) {
    const all = world.vpcs.map((vpc) => ({ vpc, routeTableId: `rtb-${vpc.vpcId.slice(4)}` }));
    const ids: Ec2Ids<(typeof all)[number]> = { param: "RouteTableId", idOf: (table) => table.routeTableId, code: "InvalidRouteTableID.NotFound", noun: "routeTable" };
    const tables = selectEc2(
      all,
      params,
      call,
      {
        "route-table-id": (table) => table.routeTableId,
        "vpc-id": (table) => table.vpc.vpcId,
        "association.main": () => "true",
      },
      ids,
    );
    if (!Array.isArray(tables)) return tables;
    const items = tables.map(({ vpc, routeTableId }) =>
      fields({
        routeTableId,
        vpcId: vpc.vpcId,
        ownerId: world.accountId,
        routeSet: list([fields({ destinationCidrBlock: vpc.cidrBlock, gatewayId: "local", state: "active", origin: "CreateRouteTable" })]),
        associationSet: list([fields({ routeTableAssociationId: `rtbassoc-${vpc.vpcId.slice(4)}`, routeTableId, main: true, associationState: fields({ state: "associated" }) })]),
        propagatingVgwSet: new Xml(""),
        tagSet: new Xml(""),
      }),
    );
    return ec2Reply(call, { routeTableSet: list(items) });
  },

  DescribeSubnets(world, params, call) {
    const zoneId = (name: string) => world.availabilityZones.find((zone) => zone.name === name)?.zoneId ?? "";
    const ids: Ec2Ids<(typeof world.subnets)[number]> = { param: "SubnetId", idOf: (subnet) => subnet.subnetId, code: "InvalidSubnetID.NotFound", noun: "subnet" };
    const subnets = selectEc2(world.subnets, params, call, {
      "subnet-id": (subnet) => subnet.subnetId,
      "vpc-id": (subnet) => subnet.vpcId,
      "availability-zone": (subnet) => subnet.availabilityZone,
      availabilityZone: (subnet) => subnet.availabilityZone,
      "availability-zone-id": (subnet) => zoneId(subnet.availabilityZone),
      availabilityZoneId: (subnet) => zoneId(subnet.availabilityZone),
      "cidr-block": (subnet) => subnet.cidrBlock,
      cidrBlock: (subnet) => subnet.cidrBlock,
      cidr: (subnet) => subnet.cidrBlock,
      "default-for-az": () => "false",
      defaultForAz: () => "false",
      "map-public-ip-on-launch": (subnet) => String(subnet.mapPublicIpOnLaunch ?? false),
      state: () => "available",
      "owner-id": () => world.accountId,
    }, ids);
    if (!Array.isArray(subnets)) return subnets;
    const items = subnets.map((subnet) =>
      fields({
        subnetId: subnet.subnetId,
        subnetArn: `arn:aws:ec2:${world.region}:${world.accountId}:subnet/${subnet.subnetId}`,
        state: "available",
        vpcId: subnet.vpcId,
        ownerId: world.accountId,
        cidrBlock: subnet.cidrBlock,
        availableIpAddressCount: 4091,
        availabilityZone: subnet.availabilityZone,
        availabilityZoneId: zoneId(subnet.availabilityZone),
        defaultForAz: false,
        mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch ?? false,
        mapCustomerOwnedIpOnLaunch: false,
        assignIpv6AddressOnCreation: false,
        enableDns64: false,
        ipv6Native: false,
        privateDnsNameOptionsOnLaunch: fields({ hostnameType: "ip-name", enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false }),
      }),
    );
    return ec2Reply(call, { subnetSet: list(items) });
  },
};

// ---------------------------------------------------------------------------------------------
// STS (query protocol)

function sts(world: AwsWorld, params: URLSearchParams): Reply {
  const call = { service: "sts", action: params.get("Action") ?? "?" };
  if (call.action !== "GetCallerIdentity") return xmlError(call, 400, "InvalidAction", `Could not find operation ${call.action} for version 2011-06-15`, STS_NS, true);
  const result = fields({ Arn: `arn:aws:iam::${world.accountId}:user/berth-standin`, UserId: "AIDABERTHSTANDIN00001", Account: world.accountId });
  return xmlReply(call, 200, "GetCallerIdentityResponse", STS_NS, fields({ GetCallerIdentityResult: result, ResponseMetadata: fields({ RequestId: randomUUID() }) }));
}

// ---------------------------------------------------------------------------------------------
// ECR, ECS, SSM (JSON 1.1)

type JsonHandler = (world: AwsWorld, input: Record<string, unknown>, call: StandinCall) => Reply;

interface JsonService {
  prefix: string;
  handlers: Record<string, JsonHandler>;
  /** Each operation's request members, from its API Reference page: any other member is refused. */
  members: Record<string, readonly string[]>;
}

function jsonService(world: AwsWorld, service: string, json: JsonService, target: string | undefined, body: string): Reply {
  const action = target?.startsWith(`${json.prefix}.`) ? target.slice(json.prefix.length + 1) : (target ?? "?");
  const call = { service, action };
  const handler = Object.hasOwn(json.handlers, action) ? json.handlers[action] : undefined;
  if (handler === undefined) return jsonError(call, 400, "UnknownOperationException", `Unknown operation ${action}`, true);
  let input: unknown;
  try {
    input = JSON.parse(body || "{}");
  } catch {
    return jsonError(call, 400, "SerializationException", "The request body is not valid JSON", true);
  }
  if (typeof input !== "object" || input === null) return jsonError(call, 400, "SerializationException", "The request body is not a JSON object", true);
  // A member the stand-in does not know might change the answer: refuse rather than ignore it.
  const unknown = Object.keys(input).filter((member) => !(json.members[action] ?? []).includes(member));
  if (unknown.length > 0) return jsonError(call, 400, "ValidationException", `berth's stand-in does not know the ${action} member(s) ${unknown.join(", ")}`, true);
  return handler(world, input as Record<string, unknown>, call);
}

/** A fixed creation time: a plan must not depend on the clock. */
const CREATED_AT = Date.parse("2025-01-06T09:00:00Z") / 1000;

type Repository = AwsWorld["ecrRepositories"][number];

/** The repository, in the account's registry only, or ECR's RepositoryNotFoundException. */
function findRepository(world: AwsWorld, name: string, registryId: unknown, call: StandinCall): Repository | Reply {
  const registry = typeof registryId === "string" ? registryId : world.accountId;
  const repository = registry === world.accountId ? world.ecrRepositories.find((candidate) => candidate.name === name) : undefined;
  return repository ?? jsonError(call, 400, "RepositoryNotFoundException", `The repository with name '${name}' does not exist in the registry with id '${registry}'`);
}

const isReply = (value: object): value is Reply => "status" in value;

const ECR_HANDLERS: Record<string, JsonHandler> = {
  DescribeRepositories(world, input, call) {
    const names = Array.isArray(input.repositoryNames) ? input.repositoryNames.map(String) : world.ecrRepositories.map((repository) => repository.name);
    const repositories = [];
    for (const name of names) {
      const repository = findRepository(world, name, input.registryId, call);
      if (isReply(repository)) return repository;
      repositories.push({
        repositoryArn: `arn:aws:ecr:${world.region}:${world.accountId}:repository/${name}`,
        registryId: world.accountId,
        repositoryName: name,
        repositoryUri: `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/${name}`,
        createdAt: CREATED_AT,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: "AES256" },
      });
    }
    return jsonReply(call, { repositories });
  },

  ListTagsForResource(world, input, call) {
    const arn = /^arn:aws:ecr:[^:]+:(\d{12}):repository\/(.+)$/.exec(String(input.resourceArn));
    if (arn === null) return jsonError(call, 400, "InvalidParameterException", "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'");
    const repository = findRepository(world, arn[2] ?? "", arn[1], call);
    return isReply(repository) ? repository : jsonReply(call, { tags: [] });
  },

  /** With `imageIds`, each must match (else ImageNotFoundException, as ECR answers); without, all images. */
  DescribeImages(world, input, call) {
    const repository = findRepository(world, String(input.repositoryName), input.registryId, call);
    if (isReply(repository)) return repository;
    const detail = (image: Repository["images"][number]) => ({
      registryId: world.accountId,
      repositoryName: repository.name,
      imageDigest: image.digest,
      ...(image.tags.length > 0 ? { imageTags: image.tags } : {}),
      imageSizeInBytes: image.sizeBytes ?? 31457280,
      imagePushedAt: Date.parse(image.pushedAt) / 1000,
      imageManifestMediaType: "application/vnd.oci.image.manifest.v1+json",
      artifactMediaType: "application/vnd.oci.image.config.v1+json",
    });
    if (!Array.isArray(input.imageIds)) {
      const status = (input.filter as { tagStatus?: string } | undefined)?.tagStatus ?? "ANY";
      return jsonReply(call, { imageDetails: repository.images.filter((image) => status === "ANY" || (status === "TAGGED") === image.tags.length > 0).map(detail) });
    }
    const details = [];
    for (const id of input.imageIds as { imageDigest?: string; imageTag?: string }[]) {
      const image = repository.images.find((candidate) => (id.imageDigest === undefined || candidate.digest === id.imageDigest) && (id.imageTag === undefined || candidate.tags.includes(id.imageTag)));
      if (image === undefined) {
        const imageId = `{imageDigest:'${id.imageDigest ?? "null"}', imageTag:'${id.imageTag ?? "null"}'}`;
        return jsonError(call, 400, "ImageNotFoundException", `The image with imageId ${imageId} does not exist within the repository with name '${repository.name}' in the registry with id '${world.accountId}'`);
      }
      details.push(detail(image));
    }
    return jsonReply(call, { imageDetails: details });
  },
};

/** DescribeClusters' `include` values (ECS API Reference, DescribeClusters, ClusterField). */
const CLUSTER_FIELDS = ["ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS"];

const ECS_HANDLERS: Record<string, JsonHandler> = {
  /**
   * Unknown clusters are not an error: ECS lists them under `failures` with reason MISSING.
   * Settings, tags and statistics come only when `include` asks for them (ECS API Reference, DescribeClusters).
   */
  DescribeClusters(world, input, call) {
    const include = Array.isArray(input.include) ? input.include.map(String) : [];
    const unknownField = include.find((field) => !CLUSTER_FIELDS.includes(field));
    if (unknownField !== undefined) {
      return jsonError(call, 400, "InvalidParameterException", `Invalid include value ${unknownField}; allowed: ${CLUSTER_FIELDS.join(", ")}`);
    }
    const requested = Array.isArray(input.clusters) && input.clusters.length > 0 ? input.clusters.map(String) : ["default"];
    const arnOf = (name: string) => `arn:aws:ecs:${world.region}:${world.accountId}:cluster/${name}`;
    const clusters = [];
    const failures = [];
    for (const reference of requested) {
      const name = reference.startsWith("arn:") ? reference.slice(reference.lastIndexOf("/") + 1) : reference;
      if (!world.ecsClusters.some((cluster) => cluster.name === name)) {
        failures.push({ arn: reference.startsWith("arn:") ? reference : arnOf(name), reason: "MISSING" });
        continue;
      }
      clusters.push({
        clusterArn: arnOf(name),
        clusterName: name,
        status: "ACTIVE",
        registeredContainerInstancesCount: 0,
        runningTasksCount: 0,
        pendingTasksCount: 0,
        activeServicesCount: 0,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategy: [],
        ...(include.includes("STATISTICS") ? { statistics: [] } : {}),
        ...(include.includes("TAGS") ? { tags: [] } : {}),
        ...(include.includes("SETTINGS") ? { settings: [{ name: "containerInsights", value: "enabled" }] } : {}),
        ...(include.includes("ATTACHMENTS") ? { attachments: [] } : {}),
      });
    }
    return jsonReply(call, { clusters, failures });
  },
};

const SSM_HANDLERS: Record<string, JsonHandler> = {
  GetParameter(world, input, call) {
    const name = String(input.Name);
    const value = Object.hasOwn(world.ssmParameters, name) ? world.ssmParameters[name] : undefined;
    if (value === undefined) return jsonError(call, 400, "ParameterNotFound", `Parameter ${name} not found.`);
    // Public parameters (/aws/service/…) belong to AWS: their ARNs name no account.
    const account = name.startsWith("/aws/service/") ? "" : world.accountId;
    const arn = `arn:aws:ssm:${world.region}:${account}:parameter/${name.replace(/^\//, "")}`;
    return jsonReply(call, { Parameter: { Name: name, Type: "String", Value: value, Version: 1, LastModifiedDate: CREATED_AT, ARN: arn, DataType: "text" } });
  },
};

const JSON_SERVICES: Record<string, JsonService> = {
  ecr: {
    prefix: "AmazonEC2ContainerRegistry_V20150921",
    handlers: ECR_HANDLERS,
    members: {
      DescribeRepositories: ["registryId", "repositoryNames", "nextToken", "maxResults"],
      ListTagsForResource: ["resourceArn"],
      DescribeImages: ["registryId", "repositoryName", "imageIds", "nextToken", "maxResults", "filter"],
    },
  },
  ecs: { prefix: "AmazonEC2ContainerServiceV20141113", handlers: ECS_HANDLERS, members: { DescribeClusters: ["clusters", "include"] } },
  ssm: { prefix: "AmazonSSM", handlers: SSM_HANDLERS, members: { GetParameter: ["Name", "WithDecryption"] } },
};

// ---------------------------------------------------------------------------------------------
// Route 53 (REST-XML)

type Zone = NonNullable<AwsWorld["hostedZones"]>[number];

const ROUTE53_ROUTES: { action: string; path: RegExp; answer: (zones: Zone[], call: StandinCall, id: string) => Reply }[] = [
  {
    // aws_route53_zone lists all zones first, whether it is given zone_id or name.
    action: "ListHostedZones",
    path: /^\/2013-04-01\/hostedzone$/,
    answer: (zones, call) => route53Reply(call, fields({ HostedZones: list(zones.map(zoneXml), "HostedZone"), IsTruncated: false, MaxItems: "100" })),
  },
  {
    action: "GetHostedZone",
    path: /^\/2013-04-01\/hostedzone\/([^/]+)$/,
    answer: (zones, call, id) => {
      const zone = findZone(zones, id, call);
      if (isReply(zone)) return zone;
      const nameServers = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"].map((server) => new Xml(server));
      return route53Reply(call, fields({ HostedZone: zoneXml(zone), DelegationSet: fields({ NameServers: list(nameServers, "NameServer") }) }));
    },
  },
  {
    action: "ListTagsForResource",
    path: /^\/2013-04-01\/tags\/hostedzone\/([^/]+)$/,
    answer: (zones, call, id) => {
      const zone = findZone(zones, id, call);
      return isReply(zone) ? zone : route53Reply(call, fields({ ResourceTagSet: fields({ ResourceType: "hostedzone", ResourceId: zone.id, Tags: new Xml("") }) }));
    },
  },
];

function route53(world: AwsWorld, method: string, path: string): Reply {
  for (const route of ROUTE53_ROUTES) {
    const match = route.path.exec(path);
    if (method === "GET" && match !== null) return route.answer(world.hostedZones ?? [], { service: "route53", action: route.action }, decodeURIComponent(match[1] ?? ""));
  }
  const call = { service: "route53", action: `${method} ${path}` };
  return xmlError(call, 404, "UnknownOperationException", `Unknown operation ${call.action}`, ROUTE53_NS, true);
}

function route53Reply(call: StandinCall, content: Xml): Reply {
  return xmlReply(call, 200, `${call.action}Response`, ROUTE53_NS, content);
}

function findZone(zones: Zone[], id: string, call: StandinCall): Zone | Reply {
  return zones.find((zone) => zone.id === id) ?? xmlError(call, 404, "NoSuchHostedZone", `No hosted zone found with ID: ${id}`, ROUTE53_NS);
}

function zoneXml(zone: Zone): Xml {
  const name = zone.name.endsWith(".") ? zone.name : `${zone.name}.`;
  return fields({ Id: `/hostedzone/${zone.id}`, Name: name, CallerReference: `berth-standin-${zone.id}`, Config: fields({ PrivateZone: false }), ResourceRecordSetCount: 2 });
}
