import { SSM_ARN } from "../../../constructs/ec2-host/synth";
import { errorOf } from "../../../helpers";
import { CERTIFICATE_ARN, alb, bothAccept, ec2Spec, host, network, sameRule, service, specProblems } from "./support";

describe("patterns get the same rule in the spec and the constructs", () => {
  // distribution/reference (Docker's reference grammar); berth requires a tag or a digest.
  it("an image reference without a tag or digest: image.uri and Ec2Host image.uri", () => {
    const rule =
      'must be an image reference with a tag or a digest like "public.ecr.aws/nginx/nginx:1.27" or registry/name@sha256:<64 hex> (berth never deploys an implicit :latest)';
    const uri = "public.ecr.aws/nginx/nginx";
    sameRule(ec2Spec({ image: { uri } }), "image.uri", host({ image: { uri } }), "stack/host: image.uri", uri, rule);
  });

  it("accepts Docker's separators (__ and repeated -) in a repository path on both sides", () => {
    const uri = "ghcr.io/acme/my__app--web:1.0";
    bothAccept(ec2Spec({ image: { uri } }), host({ image: { uri } }));
  });

  // RFC 1035 §2.3.4 (labels of 1-63, names of at most 253); berth asks for lower case.
  it("a domain with upper case: ec2.https.domain and Ec2Host https.domain", () => {
    const rule = 'must be a lower case domain name like "shop.example.com"';
    const domain = "Shop.example.com";
    sameRule(ec2Spec({ ec2: { https: { domain } } }), "ec2.https.domain", host({ https: { domain } }), "stack/host: https.domain", domain, rule);
  });

  it("fargate.https.domain gets the rule of ec2.https.domain", () => {
    const domain = "-shop.example.com";
    expect(specProblems({ fargate: { https: { domain, hostedZoneId: "Z0123456789ABCDEFGHIJ" } } })).toEqual([
      'fargate.https.domain: must be a lower case domain name like "shop.example.com" (got "-shop.example.com")',
    ]);
  });

  it("a label of 64 characters is refused, 63 accepted (RFC 1035)", () => {
    const long = `${"a".repeat(64)}.example.com`;
    sameRule(ec2Spec({ ec2: { https: { domain: long } } }), "ec2.https.domain", host({ https: { domain: long } }), "stack/host: https.domain", long, 'must be a lower case domain name like "shop.example.com"');
    const ok = `${"a".repeat(63)}.example.com`;
    bothAccept(ec2Spec({ ec2: { https: { domain: ok } } }), host({ https: { domain: ok } }));
  });

  // POSIX.1-2017 3.235 "Name": letters, digits and underscores, not starting with a digit.
  it("an environment variable name starting with a digit: environment and Ec2Host environment", () => {
    const rule = "must be an environment variable name like LOG_LEVEL: letters, digits and underscores, not starting with a digit";
    expect(specProblems(ec2Spec({ environment: { "1BAD": "x" } }))).toEqual([`environment: key "1BAD" is not allowed: ${rule}`]);
    expect(errorOf(host({ environment: { "1BAD": "x" } }))).toBe(`stack/host: environment: key "1BAD" is not allowed: ${rule}`);
  });

  it("a volume name with upper case: volumes[0].name and Ec2Host volumes[0].name", () => {
    const rule = "must be lower case letters, digits and single hyphens, starting with a letter, at most 31 characters";
    const volumes = [{ name: "Data", path: "/data" }];
    sameRule(ec2Spec({ volumes }), "volumes[0].name", host({ volumes }), "stack/host: volumes[0].name", "Data", rule);
  });

  it('a mount path of "/": volumes[0].path and Ec2Host volumes[0].path', () => {
    const volumes = [{ name: "data", path: "/" }];
    sameRule(ec2Spec({ volumes }), "volumes[0].path", host({ volumes }), "stack/host: volumes[0].path", "/", 'must be an absolute path inside the container like "/var/lib/app" (not "/" itself)');
  });

  // ECS Developer Guide, secrets-envvar-secrets-manager.html: the full ARN, with the 6-character suffix.
  it("a Secrets Manager ARN without its 6-character suffix: secrets and Ec2Host secrets", () => {
    const rule =
      "must be an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>[:<json-key>::])";
    const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:key";
    sameRule(ec2Spec({ secrets: { API_KEY: arn } }), "secrets.API_KEY", host({ secrets: { API_KEY: arn } }), "stack/host: secrets.API_KEY", arn, rule);
  });

  it("an SSM parameter ARN is accepted on both sides", () => {
    bothAccept(ec2Spec({ secrets: { DB_URL: SSM_ARN } }), host({ secrets: { DB_URL: SSM_ARN } }));
  });

  // EC2 User Guide, instance type naming conventions: <family>.<size>.
  it('an instance type with an unknown size ("t3.foo"): ec2.instanceType and Ec2Host instanceType', () => {
    sameRule(ec2Spec({ ec2: { instanceType: "t3.foo" } }), "ec2.instanceType", host({ instanceType: "t3.foo" }), "stack/host: instanceType", "t3.foo", 'must be an EC2 instance type like "t3.small" (<family>.<size>)');
  });

  // EC2 API Reference, IpRange Description: up to 255 of a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$*.
  describe("a security group rule description", () => {
    const rule = "must be a description of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (what EC2 accepts), not all spaces";
    const rules = (description: string) => [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description }];

    it.each(["PostgreSQL → db", "a".repeat(256), " "])("refuses %j in fargate.egress and FargateService egress", (description) => {
      sameRule(
        { fargate: { https: { certificateArn: CERTIFICATE_ARN }, egress: rules(description) } },
        "fargate.egress[0].description",
        service({ egress: rules(description) }),
        "stack/service: egress[0].description",
        description,
        rule,
      );
    });

    it("refuses a non-ASCII one in ec2.egress and Ec2Host egress", () => {
      sameRule(ec2Spec({ ec2: { egress: rules("HTTPS → APIs") } }), "ec2.egress[0].description", host({ egress: rules("HTTPS → APIs") }), "stack/host: egress[0].description", "HTTPS → APIs", rule);
    });

    it("accepts 255 characters on both sides", () => {
      bothAccept(ec2Spec({ ec2: { egress: rules("a".repeat(255)) } }), host({ egress: rules("a".repeat(255)) }));
    });
  });

  // TF lb_target_group doc: the ALB matcher takes codes from 200 to 499.
  it.each(["199", "500", "200-500"])("healthy HTTP codes %s: fargate.healthyHttpCodes and LoadBalancer", (codes) => {
    const rule = 'must be HTTP codes from 200 to 499 like "200" or "200-399"';
    sameRule(
      { fargate: { https: { certificateArn: CERTIFICATE_ARN }, healthyHttpCodes: codes } },
      "fargate.healthyHttpCodes",
      alb({ healthCheck: { path: "/", healthyHttpCodes: codes } }),
      "stack/alb: healthCheck.healthyHttpCodes",
      codes,
      rule,
    );
  });

  it.each(["200", "499", "200-499"])("healthy HTTP codes %s are accepted on both sides", (codes) => {
    bothAccept({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, healthyHttpCodes: codes } }, alb({ healthCheck: { path: "/", healthyHttpCodes: codes } }));
  });

  // ELB API Reference, CreateTargetGroup HealthCheckPath: 1-1024 characters, starting with "/".
  describe("a health check path", () => {
    const rule = 'must be an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters)';

    it("refuses health in healthCheck.path, LoadBalancer and Ec2Host", () => {
      const path = "health";
      sameRule({ healthCheck: { path } }, "healthCheck.path", alb({ healthCheck: { path } }), "stack/alb: healthCheck.path", path, rule);
      expect(errorOf(host({ healthCheck: { path } }))).toBe(`stack/host: healthCheck.path ${rule}, got ${JSON.stringify(path)}`);
    });

    it("refuses 1025 characters in healthCheck.path (saying the length got), LoadBalancer and Ec2Host", () => {
      const path = `/${"a".repeat(1024)}`;
      expect(specProblems({ healthCheck: { path } })).toEqual([`healthCheck.path: ${rule} (got 1025 characters: "${path}")`]);
      expect(errorOf(alb({ healthCheck: { path } }))).toBe(`stack/alb: healthCheck.path ${rule}, got "${path}"`);
      expect(errorOf(host({ healthCheck: { path } }))).toBe(`stack/host: healthCheck.path ${rule}, got "${path}"`);
    });

    it("accepts 1024 characters on both sides", () => {
      const path = `/${"a".repeat(1023)}`;
      bothAccept({ healthCheck: { path } }, alb({ healthCheck: { path } }));
    });
  });

  // CloudWatch Logs API Reference, PutRetentionPolicy: a closed list from 1 to 3653 days.
  describe("a log retention", () => {
    const rule = "must be a CloudWatch retention in days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653";

    it.each([0, 2, 3654])("refuses %i in logRetentionDays, Ec2Host, FargateService and Network flow logs", (days) => {
      sameRule(ec2Spec({ logRetentionDays: days }), "logRetentionDays", host({ logRetentionDays: days }), "stack/host: logRetentionDays", days, rule);
      expect(errorOf(service({ logRetentionDays: days }))).toBe(`stack/service: logRetentionDays ${rule}, got ${days}`);
      expect(errorOf(network({ flowLogRetentionDays: days }))).toBe(`stack/network: flowLogRetentionDays ${rule}, got ${days}`);
    });

    it.each([1, 3653])("accepts %i on both sides", (days) => {
      bothAccept(ec2Spec({ logRetentionDays: days }), host({ logRetentionDays: days }));
    });
  });
});

// S3 User Guide, bucket naming rules: 3-63 characters.
describe("S3 bucket names", () => {
  const rule = "must be an S3 bucket name: 3-63 lower case letters, digits, dots and hyphens, beginning and ending with a letter or digit";

  it.each(["ab", "a".repeat(64)])("refuse %s in state.bucket and fargate.accessLogsBucket alike", (bucket) => {
    expect(specProblems({ state: { bucket }, fargate: { https: { certificateArn: CERTIFICATE_ARN }, accessLogsBucket: bucket } })).toEqual([
      `state.bucket: ${rule} (got "${bucket}")`,
      `fargate.accessLogsBucket: ${rule} (got "${bucket}")`,
    ]);
  });

  it.each(["abc", "a".repeat(63)])("accept %s", (bucket) => {
    expect(specProblems({ state: { bucket } })).toEqual([]);
  });
});

// Tagging AWS Resources guide: keys of 1-128 characters; the aws: prefix is reserved.
describe("tag keys", () => {
  const rule = 'must be a tag key of 1-128 letters, digits, spaces and _.:/=+-@, not starting with "aws:" (reserved by AWS)';

  it.each(["aws:owner", "AWS:owner", "k".repeat(129)])("refuse %s", (key) => {
    expect(specProblems({ tags: { [key]: "x" } })).toEqual([`tags: key ${JSON.stringify(key)} is not allowed: ${rule}`]);
  });

  it("accept 128 characters and a value of 256", () => {
    expect(specProblems({ tags: { ["k".repeat(128)]: "v".repeat(256) } })).toEqual([]);
  });

  it("refuse a value of 257 characters, saying the limit and the length got", () => {
    expect(specProblems({ tags: { owner: "v".repeat(257) } })).toEqual([`tags.owner: must be at most 256 characters (got 257 characters: "${"v".repeat(257)}")`]);
  });
});

type LengthCase = [name: string, path: string, spec: (value: string) => Record<string, unknown>, refused: string[], accepted: string[]];

/** Both ends of the spec's length and format bounds, each value written out with its source. */
const LENGTH_CASES: LengthCase[] = [
  // berth's own choice (docs/spec.md): 2-20 characters, so that every name derived from it fits AWS's shortest limit.
  ["app name", "app", (v) => ({ app: v }), ["a", `a${"b".repeat(20)}`], ["ab", `a${"b".repeat(19)}`]],
  // S3 User Guide, "Object key naming guidelines" (safe characters); berth's own 512 cap, as its keys add /<stack>.tfstate.
  ["state key prefix", "state.keyPrefix", (v) => ({ state: { bucket: "shop-state", keyPrefix: v } }), ["", "k".repeat(513)], ["k", "k".repeat(512)]],
  // ECS API Reference, CreateCluster: clusterName up to 255 letters, numbers, underscores and hyphens.
  ["ECS cluster name", "fargate.clusterName", (v) => ({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, clusterName: v } }), ["", "c".repeat(256)], ["c", "c".repeat(255)]],
  // Route 53 API Reference, HostedZone Id: Z and up to 32 characters in all.
  [
    "hosted zone id",
    "fargate.https.hostedZoneId",
    (v) => ({ fargate: { https: { domain: "shop.example.com", hostedZoneId: v } } }),
    ["Z", `Z${"A".repeat(32)}`],
    ["Z0", `Z${"A".repeat(31)}`],
  ],
  // ECS API Reference, ContainerDefinition name (berth keeps it DNS-like and at most 31 characters, like its volume names).
  [
    "sidecar container name",
    "fargate.sidecars[0].name",
    (v) => ({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, sidecars: [{ name: v, image: "public.ecr.aws/example/agent:1.0" }] } }),
    ["", `a${"b".repeat(31)}`],
    ["a", `a${"b".repeat(30)}`],
  ],
  // RFC 1035 §2.3.4: a name of at most 253 characters in text form; a top-level label of 2-63 letters.
  [
    "domain name",
    "ec2.https.domain",
    (v) => ({ targets: ["ec2"], fargate: undefined, ec2: { https: { domain: v } } }),
    [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`, "shop.example.c"],
    [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`, "shop.example.co"],
  ],
  // distribution/reference (Docker's reference grammar): a digest is sha256: and 64 lower case hex digits.
  [
    "image digest",
    "image.uri",
    (v) => ({ image: { uri: `public.ecr.aws/nginx/nginx@sha256:${v}` } }),
    ["a".repeat(63), "a".repeat(65), "A".repeat(64)],
    ["a".repeat(64)],
  ],
  // distribution/reference: a tag is [\w][\w.-]{0,127}.
  [
    "image tag",
    "image.uri",
    (v) => ({ image: { uri: `public.ecr.aws/nginx/nginx:${v}` } }),
    [".x", `a${"b".repeat(128)}`],
    ["_", `a${"b".repeat(127)}`],
  ],
  // Secrets Manager User Guide, "Secret ARN": the name, a hyphen and 6 random characters; an account is 12 digits.
  [
    "secret ARN",
    "secrets.API_KEY",
    (v) => ({ secrets: { API_KEY: v } }),
    ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-AbC12", "arn:aws:secretsmanager:eu-west-1:12345678901:secret:shop/api-AbC123"],
    ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-AbC123"],
  ],
];

describe.each(LENGTH_CASES)("%s: both ends of its bound", (_name, path, spec, refused, accepted) => {
  it.each(refused)(`refuses %j at ${path}`, (value) => expect(specProblems(spec(value))).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: `))]));
  it.each(accepted)("accepts %j", (value) => expect(specProblems(spec(value))).toEqual([]));
});
