import { CERTIFICATE_ARN, minimalSpec, problemsOf } from "../../helpers";

const IMAGE_SHAPES = "either { context, dockerfile?, buildArgs?, target?, platform? } to build, or { uri, platform? } for an existing image";
const NETWORK_SHAPES = "{ cidrBlock?, azCount?, natGateways?, vpcEndpoints? } for a new VPC, or { vpcId, publicSubnetIds, privateSubnetIds? } for an existing one";
const HTTPS_SHAPES =
  "either { certificateArn } for an existing ACM certificate, or { domain, hostedZoneId } for a certificate that berth requests and validates in Route 53";

describe("keys of two shapes of one field", () => {
  it("image with uri and context: names both keys and both shapes, no did-you-mean", () => {
    expect(problemsOf(minimalSpec({ image: { uri: "public.ecr.aws/nginx/nginx:1.27", context: "./app" } }))).toEqual([
      `image: mixes "context" with "uri", which belong to different shapes that cannot be mixed: it must be ${IMAGE_SHAPES}; keep the keys of one shape (got {"uri":"public.ecr.aws/nginx/nginx:1.27","context":"./app"})`,
    ]);
  });

  it("image with uri and dockerfile (a valid existing image plus a build key): the same rule, not an unknown key", () => {
    expect(problemsOf(minimalSpec({ image: { uri: "public.ecr.aws/nginx/nginx:1.27", dockerfile: "Dockerfile" } }))).toEqual([
      `image: mixes "dockerfile" with "uri", which belong to different shapes that cannot be mixed: it must be ${IMAGE_SHAPES}; keep the keys of one shape (got {"uri":"public.ecr.aws/nginx/nginx:1.27","dockerfile":"Dockerfile"})`,
    ]);
  });

  it("network with vpcId and cidrBlock", () => {
    expect(problemsOf(minimalSpec({ network: { vpcId: "vpc-0abc1234", cidrBlock: "10.0.0.0/16" } }))).toEqual([
      `network: mixes "vpcId" with "cidrBlock", which belong to different shapes that cannot be mixed: it must be ${NETWORK_SHAPES}; keep the keys of one shape (got {"vpcId":"vpc-0abc1234","cidrBlock":"10.0.0.0/16"})`,
    ]);
  });

  it("network with a complete existing VPC plus cidrBlock", () => {
    const network = { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111"], cidrBlock: "10.0.0.0/16" };
    expect(problemsOf(minimalSpec({ network }))).toEqual([
      `network: mixes "vpcId", "publicSubnetIds" with "cidrBlock", which belong to different shapes that cannot be mixed: it must be ${NETWORK_SHAPES}; keep the keys of one shape (got {"vpcId":"vpc-0abc1234","publicSubnetIds":["subnet-0aaa1111"],"cidrBlock":"10...)`,
    ]);
  });

  it("fargate.https with certificateArn and domain", () => {
    const https = { certificateArn: CERTIFICATE_ARN, domain: "shop.example.com" };
    expect(problemsOf(minimalSpec({ fargate: { https } }))).toEqual([
      `fargate.https: mixes "certificateArn" with "domain", which belong to different shapes that cannot be mixed: it must be ${HTTPS_SHAPES}; keep the keys of one shape (got {"certificateArn":"arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a1e-11...)`,
    ]);
  });

  it("an unknown key beside one shape's keys lists that shape's keys alone", () => {
    expect(problemsOf(minimalSpec({ image: { uri: "public.ecr.aws/nginx/nginx:1.27", platfrom: "linux/arm64" } }))).toEqual([
      'image.platfrom: unknown key; did you mean "platform"? allowed keys here: uri, platform',
    ]);
  });

  it("a value that is not an object states the shapes", () => {
    expect(problemsOf(minimalSpec({ fargate: { https: "shop.example.com" } }))).toEqual([`fargate.https: must be ${HTTPS_SHAPES} (got "shop.example.com")`]);
  });
});

describe("length limits", () => {
  it("a string over its limit: the limit, then the length got", () => {
    expect(problemsOf(minimalSpec({ volumes: [{ name: "v".repeat(32), path: "/data" }] }))).toEqual([
      `volumes[0].name: must be lower case letters, digits and single hyphens, starting with a letter, at most 31 characters (got 32 characters: "${"v".repeat(32)}")`,
    ]);
  });

  it("a string within the limit that breaks another part of the rule: no length", () => {
    expect(problemsOf(minimalSpec({ volumes: [{ name: "Data", path: "/data" }] }))).toEqual([
      'volumes[0].name: must be lower case letters, digits and single hyphens, starting with a letter, at most 31 characters (got "Data")',
    ]);
  });
});

describe("the spec's own wording where zod has a default", () => {
  it("an object given as a string lists the object's keys", () => {
    expect(problemsOf(minimalSpec({ healthCheck: "/health" }))).toEqual([
      'healthCheck: must be an object { path?, intervalSeconds?, timeoutSeconds?, healthyThreshold?, unhealthyThreshold?, gracePeriodSeconds? } (got "/health")',
    ]);
  });

  it("a map of variables given as a string", () => {
    expect(problemsOf(minimalSpec({ environment: "LOG_LEVEL=info" }))).toEqual([
      'environment: must be an object of names to values like { LOG_LEVEL: "info" } (got "LOG_LEVEL=info")',
    ]);
  });

  it("tags given as a list", () => {
    expect(problemsOf(minimalSpec({ tags: ["team"] }))).toEqual(['tags: must be an object of names to values like { team: "shop" } (got ["team"])']);
  });

  it("an empty egress list", () => {
    expect(problemsOf(minimalSpec({ fargate: { plainHttp: true, egress: [] } }))).toEqual([
      "fargate.egress: must be a list of egress rules { port, cidrBlocks, description, protocol? } with at least one item (got [])",
    ]);
  });

  it("an empty ingressCidrs list", () => {
    expect(problemsOf(minimalSpec({ fargate: { plainHttp: true, ingressCidrs: [] } }))).toEqual([
      'fargate.ingressCidrs: must be a list of IPv4 CIDRs like ["0.0.0.0/0"] with at least one item (got [])',
    ]);
  });

  it("a task role statement with no actions and no resources", () => {
    expect(problemsOf(minimalSpec({ fargate: { plainHttp: true, taskRolePolicy: [{ actions: [], resources: [] }] } }))).toEqual([
      'fargate.taskRolePolicy[0].actions: must be a list of IAM actions like ["s3:GetObject"] with at least one item (got [])',
      'fargate.taskRolePolicy[0].resources: must be a list of ARNs like ["arn:aws:s3:::shop-uploads/*"] with at least one item (got [])',
    ]);
  });

  it("taskRolePolicy given as an object", () => {
    expect(problemsOf(minimalSpec({ fargate: { plainHttp: true, taskRolePolicy: { actions: ["s3:GetObject"] } } }))).toEqual([
      'fargate.taskRolePolicy: must be a list of statements { actions, resources } (got {"actions":["s3:GetObject"]})',
    ]);
  });

  it("an empty command", () => {
    expect(problemsOf(minimalSpec({ command: [] }))).toEqual(['command: must be a list of strings (exec form), e.g. ["node", "server.js"] with at least one item (got [])']);
  });

  it("an empty dockerfile", () => {
    expect(problemsOf(minimalSpec({ image: { context: "./app", dockerfile: "" } }))).toEqual(['image.dockerfile: must not be empty (got "")']);
  });

  it("a container health check with no command after CMD", () => {
    expect(problemsOf(minimalSpec({ fargate: { plainHttp: true, containerHealthCheck: ["CMD"] } }))).toEqual([
      'fargate.containerHealthCheck: must name the command after "CMD": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["CMD"])',
    ]);
  });

  it("a sidecar list given as one sidecar", () => {
    expect(problemsOf(minimalSpec({ fargate: { plainHttp: true, sidecars: { name: "proxy", image: "envoyproxy/envoy:v1.31" } } }))).toEqual([
      'fargate.sidecars: must be a list of containers { name, image, ... } (got {"name":"proxy","image":"envoyproxy/envoy:v1.31"})',
    ]);
  });
});
