import { Testing } from "cdktf";
import { BerthAwsProvider } from "../../../../constructs/aws-provider";
import { errorOf } from "../../../helpers";
import { CERTIFICATE_ARN, alb, bothAccept, ec2Spec, host, sameRule, service, specProblems } from "./support";

const fargate = (extra: Record<string, unknown>) => ({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, ...extra } });
const provider = (props: { region?: string; defaultTags?: Record<string, string> }) => () =>
  Testing.synthScope((scope) => new BerthAwsProvider(scope, "aws", { region: "eu-west-1", ...props }));

// AWS SDK partition data (@aws-sdk/core 3.981.2, util-endpoints partitions.js): the regions of aws, aws-cn, aws-us-gov.
describe("regions", () => {
  it('a near miss ("eu-wset-1") gets a did-you-mean: region and BerthAwsProvider region', () => {
    sameRule({ region: "eu-wset-1" }, "region", provider({ region: "eu-wset-1" }), "stack/aws: region", "eu-wset-1", 'must be an AWS region like "eu-west-1"; did you mean "eu-west-1"?');
  });

  it('state.region "us-east-3" gets the same rule', () => {
    expect(specProblems({ state: { bucket: "shop-state", region: "us-east-3" } })).toEqual(['state.region: must be an AWS region like "eu-west-1"; did you mean "us-east-1"? (got "us-east-3")']);
  });

  it.each(["us-east-1", "ap-southeast-7", "mx-central-1", "cn-north-1", "us-gov-west-1"])("accepts %s on both sides", (region) => {
    bothAccept({ region, fargate: { https: { certificateArn: CERTIFICATE_ARN.replace("eu-west-1", region) } } }, provider({ region }));
  });
});

// EC2 API InstanceType enum (@aws-sdk/client-ec2 3.1169.0): the known families.
describe("instance types", () => {
  it('an unknown family ("t3x.small") gets a did-you-mean: ec2.instanceType and Ec2Host instanceType', () => {
    const rule = 'names no EC2 instance family ("t3x"): did you mean "t3.small"? use a type from the EC2 instance types list like "t3.small" (x86_64) or "t4g.small" (arm64)';
    sameRule(ec2Spec({ ec2: { instanceType: "t3x.small" } }), "ec2.instanceType", host({ instanceType: "t3x.small" }), "stack/host: instanceType", "t3x.small", rule);
  });

  it("a family far from any known one gets no guess", () => {
    expect(specProblems(ec2Spec({ ec2: { instanceType: "zz9.large" } }))).toEqual([
      'ec2.instanceType: names no EC2 instance family ("zz9"): use a type from the EC2 instance types list like "t3.small" (x86_64) or "t4g.small" (arm64) (got "zz9.large")',
    ]);
  });

  it.each(["t3.small", "m7i-flex.large", "u7i-12tb.224xlarge", "c8gn.metal-48xl"])("accepts %s on both sides (x86_64 and arm64 families)", (instanceType) => {
    const platform = instanceType.startsWith("c8g") ? "linux/arm64" : "linux/amd64";
    bothAccept(ec2Spec({ image: { context: ".", platform }, ec2: { instanceType } }), host({ instanceType, platform }));
  });
});

// Tagging AWS Resources guide: keys starting "aws:" are reserved.
describe("tag keys on the provider", () => {
  it('BerthAwsProvider refuses an "aws:" key with the rule of the spec\'s tags', () => {
    expect(errorOf(provider({ defaultTags: { "aws:owner": "x" } }))).toBe(
      'stack/aws: defaultTags: key "aws:owner" is not allowed: must be a tag key of 1-128 letters, digits, spaces and _.:/=+-@, not starting with "aws:" (reserved by AWS)',
    );
  });

  it("BerthAwsProvider refuses a value of 257 characters and accepts 256", () => {
    expect(errorOf(provider({ defaultTags: { owner: "v".repeat(257) } }))).toBe("stack/aws: defaultTags.owner must be at most 256 characters, got 257");
    expect(provider({ defaultTags: { owner: "v".repeat(256) } })).not.toThrow();
  });
});

// S3 User Guide, bucketnamingrules.html (general purpose buckets).
describe("S3 bucket naming rules", () => {
  it.each([
    ["shop..logs", "must not contain two adjacent periods (S3 bucket naming rules)"],
    ["192.168.5.4", "must not be formatted as an IP address (S3 bucket naming rules)"],
    ["xn--shop", 'must not start with "xn--": S3 reserves that prefix'],
    ["sthree-logs", 'must not start with "sthree-": S3 reserves that prefix'],
    ["amzn-s3-demo-logs", 'must not start with "amzn-s3-demo-": S3 reserves that prefix'],
    ["logs-s3alias", 'must not end with "-s3alias": S3 reserves that suffix'],
    ["logs--ol-s3", 'must not end with "--ol-s3": S3 reserves that suffix'],
    ["logs.mrap", 'must not end with ".mrap": S3 reserves that suffix'],
    ["logs--x-s3", 'must not end with "--x-s3": S3 reserves that suffix'],
    ["logs--table-s3", 'must not end with "--table-s3": S3 reserves that suffix'],
    ["-logs", "must be an S3 bucket name: 3-63 lower case letters, digits, dots and hyphens, beginning and ending with a letter or digit"],
  ])("%s: fargate.accessLogsBucket and LoadBalancer accessLogsBucket", (bucket, rule) => {
    sameRule(fargate({ accessLogsBucket: bucket }), "fargate.accessLogsBucket", alb({ accessLogsBucket: bucket }), "stack/alb: accessLogsBucket", bucket, rule);
  });

  it("state.bucket gets the same rules", () => {
    expect(specProblems({ state: { bucket: "192.168.5.4" } })).toEqual(['state.bucket: must not be formatted as an IP address (S3 bucket naming rules) (got "192.168.5.4")']);
  });

  it.each(["shop.logs", "xn-shop", "shop-s3alias-x", "192.168.5.4.logs"])("accepts %s on both sides", (bucket) => {
    bothAccept(fargate({ accessLogsBucket: bucket }), alb({ accessLogsBucket: bucket }));
  });
});

// distribution/reference: a sidecar never runs an implicit :latest.
describe("sidecar images", () => {
  const rule = 'must be an image reference with a tag or a digest like "redis:7.4" or "public.ecr.aws/nginx/nginx@sha256:<64 hex>" (berth never deploys an implicit :latest)';

  it.each(["redis", "public.ecr.aws/nginx/nginx"])("%s: fargate.sidecars[0].image and FargateService sidecars[0].image", (image) => {
    sameRule(fargate({ sidecars: [{ name: "cache", image }] }), "fargate.sidecars[0].image", service({ sidecars: [{ name: "cache", image }] }), "stack/service: sidecars[0].image", image, rule);
  });

  it.each(["redis:7.4", "localhost:5000/cache:1", `ghcr.io/acme/cache@sha256:${"a".repeat(64)}`])("accepts %s on both sides", (image) => {
    bothAccept(fargate({ sidecars: [{ name: "cache", image }] }), service({ sidecars: [{ name: "cache", image }] }));
  });
});

// IAM User Guide: ARN format (reference-arns.html); policy rule iam-no-wildcards.
describe("task role policies", () => {
  const policy = (actions: string[], resources: string[]) => [{ actions, resources }];
  const resourceRule =
    'must be an ARN like "arn:aws:s3:::shop-uploads/*": arn:<partition>:<service>:<region>:<account>:<resource>, with wildcards only inside <resource> after a literal type or name (not "*", "arn:*" or "arn:aws:s3:::*")';

  it.each(["*", "arn:*", "arn:aws:*", "arn:aws:s3:::*", "arn:*:s3:::shop/*", "arn:aws:*:::shop", "arn:aws:dynamodb:*:123456789012:table/shop", "arn:aws:dynamodb:eu-west-1:*:table/shop"])(
    "resource %s: fargate.taskRolePolicy[0].resources[0] and FargateService taskRolePolicy",
    (arn) => {
      sameRule(
        fargate({ taskRolePolicy: policy(["s3:GetObject"], [arn]) }),
        "fargate.taskRolePolicy[0].resources[0]",
        service({ taskRolePolicy: policy(["s3:GetObject"], [arn]) }),
        "stack/service: taskRolePolicy[0].resources[0]",
        arn,
        resourceRule,
      );
    },
  );

  it("a resource in a region AWS does not have gets a did-you-mean", () => {
    const arn = "arn:aws:dynamodb:eu-wset-1:123456789012:table/shop";
    expect(specProblems(fargate({ taskRolePolicy: policy(["dynamodb:GetItem"], [arn]) }))).toEqual([
      `fargate.taskRolePolicy[0].resources[0]: has the region "eu-wset-1", which must be an AWS region like "eu-west-1"; did you mean "eu-west-1"? (got "${arn}")`,
    ]);
  });

  it.each(["*", "s3:*", "s3:Get*", "s3:GetObjec?"])("action %s: fargate.taskRolePolicy[0].actions[0] and FargateService taskRolePolicy", (action) => {
    sameRule(
      fargate({ taskRolePolicy: policy([action], ["arn:aws:s3:::shop/*"]) }),
      "fargate.taskRolePolicy[0].actions[0]",
      service({ taskRolePolicy: policy([action], ["arn:aws:s3:::shop/*"]) }),
      "stack/service: taskRolePolicy[0].actions[0]",
      action,
      'must be an IAM action like "s3:GetObject", without wildcards: name each action the app calls',
    );
  });

  it.each(["arn:aws:s3:::shop-uploads/*", "arn:aws:dynamodb:eu-west-1:123456789012:table/shop*", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-cn:s3:::shop/*"])(
    "accepts %s on both sides",
    (arn) => {
      bothAccept(fargate({ taskRolePolicy: policy(["s3:GetObject"], [arn]) }), service({ taskRolePolicy: policy(["s3:GetObject"], [arn]) }));
    },
  );
});

// EC2 API Reference, error codes: InvalidPermission.Duplicate.
describe("duplicate security group rules", () => {
  const dup = "AWS refuses a security group rule given twice (InvalidPermission.Duplicate); remove one copy";
  const rule = (port: number, cidrBlocks: string[], protocol?: "tcp" | "udp") => ({ port, cidrBlocks, description: "out", ...(protocol ? { protocol } : {}) });

  it("the same port and CIDR in two fargate.egress rules: the spec and FargateService", () => {
    const egress = [rule(443, ["0.0.0.0/0"]), rule(443, ["10.0.0.0/8", "0.0.0.0/0"])];
    expect(specProblems(fargate({ egress }))).toEqual([`fargate.egress[1].cidrBlocks[1]: duplicates fargate.egress[0].cidrBlocks[0] (tcp 443 to "0.0.0.0/0"): ${dup} (got "0.0.0.0/0")`]);
    expect(errorOf(service({ egress }))).toBe(`stack/service: egress[1].cidrBlocks[1] duplicates egress[0].cidrBlocks[0] (tcp 443 to "0.0.0.0/0"): ${dup}, got "0.0.0.0/0"`);
  });

  it("the same CIDR twice in one ec2.egress rule: the spec and Ec2Host", () => {
    const egress = [rule(443, ["0.0.0.0/0", "0.0.0.0/0"])];
    expect(specProblems(ec2Spec({ ec2: { egress } }))).toEqual([`ec2.egress[0].cidrBlocks[1]: duplicates ec2.egress[0].cidrBlocks[0] (tcp 443 to "0.0.0.0/0"): ${dup} (got "0.0.0.0/0")`]);
    expect(errorOf(host({ egress }))).toBe(`stack/host: egress[0].cidrBlocks[1] duplicates egress[0].cidrBlocks[0] (tcp 443 to "0.0.0.0/0"): ${dup}, got "0.0.0.0/0"`);
  });

  it("accepts one port and CIDR on tcp and udp, or on two ports", () => {
    const egress = [rule(443, ["0.0.0.0/0"]), rule(443, ["0.0.0.0/0"], "udp"), rule(80, ["0.0.0.0/0"])];
    bothAccept(ec2Spec({ ec2: { egress } }), host({ egress }));
  });

  it("the same CIDR twice in fargate.ingressCidrs: the spec and LoadBalancer", () => {
    const ingressCidrs = ["10.0.0.0/8", "192.168.0.0/16", "10.0.0.0/8"];
    expect(specProblems(fargate({ ingressCidrs }))).toEqual([`fargate.ingressCidrs[2]: duplicates fargate.ingressCidrs[0]: ${dup} (got "10.0.0.0/8")`]);
    expect(errorOf(alb({ ingressCidrs }))).toBe(`stack/alb: ingressCidrs[2] duplicates ingressCidrs[0]: ${dup}, got "10.0.0.0/8"`);
  });

  it("the same CIDR twice in ec2.ingressCidrs: the spec and Ec2Host", () => {
    const ingressCidrs = ["0.0.0.0/0", "0.0.0.0/0"];
    expect(specProblems(ec2Spec({ ec2: { ingressCidrs } }))).toEqual([`ec2.ingressCidrs[1]: duplicates ec2.ingressCidrs[0]: ${dup} (got "0.0.0.0/0")`]);
    expect(errorOf(host({ ingressCidrs }))).toBe(`stack/host: ingressCidrs[1] duplicates ingressCidrs[0]: ${dup}, got "0.0.0.0/0"`);
  });
});
