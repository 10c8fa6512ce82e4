import { CERTIFICATE_ARN } from "../../helpers";
import { ec2Spec, specProblems } from "./same-rule/support";

/**
 * The exact wording of spec errors that no other test pins: each test feeds one bad value and
 * asserts the whole problem line (field path, rule, value got), written out literally.
 */

const https = { certificateArn: CERTIFICATE_ARN };

describe("spec field errors (stacks/spec)", () => {
  it('says a flag must be true or false when fargate.plainHttp is "yes"', () => {
    expect(specProblems({ fargate: { https, plainHttp: "yes" } })).toEqual(['fargate.plainHttp: must be true or false (got "yes")']);
  });

  it("says image.context must not be empty", () => {
    expect(specProblems({ image: { context: "" } })).toEqual(['image.context: must not be empty (got "")']);
  });

  it("says image.context must be a directory path when given the number 5", () => {
    expect(specProblems({ image: { context: 5 } })).toEqual(["image.context: must be a directory path relative to the spec file (got 5)"]);
  });

  it("says image.buildArgs must be an object of names to values when given a string", () => {
    expect(specProblems({ image: { context: "./app", buildArgs: "x" } })).toEqual(['image.buildArgs: must be an object of names to values like { NODE_ENV: "production" } (got "x")']);
  });

  it("says image.target must not be empty", () => {
    expect(specProblems({ image: { context: "./app", target: "" } })).toEqual(['image.target: must not be empty (got "")']);
  });

  it("says state.keyPrefix must be an S3 key prefix of 1-512 safe characters, listing them, when empty", () => {
    expect(specProblems({ state: { bucket: "shop-state", keyPrefix: "" } })).toEqual([`state.keyPrefix: must be an S3 key prefix of 1-512 characters: letters, digits and ! _ . * ' ( ) / - (got "")`]);
  });

  it('says targets must be a list when given the string "fargate"', () => {
    expect(specProblems({ targets: "fargate" })).toEqual(['targets: must be a list of targets: "ec2", "fargate" (got "fargate")']);
  });

  it("says secrets must be an object of names to ARNs when given a string", () => {
    expect(specProblems({ secrets: "x" })).toEqual(['secrets: must be an object of names to values like { DB_URL: "arn:aws:ssm:<region>:<account>:parameter/<name>" } (got "x")']);
  });

  it("says volumes must be a list when given one volume object", () => {
    expect(specProblems({ volumes: { name: "data", path: "/data" } })).toEqual(['volumes: must be a list of volumes { name, path, uid?, gid? } (got {"name":"data","path":"/data"})']);
  });

  it('lists the CloudWatch retentions when logRetentionDays is the string "14"', () => {
    expect(specProblems({ logRetentionDays: "14" })).toEqual([
      'logRetentionDays: must be a CloudWatch retention in days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got "14")',
    ]);
  });

  it("says an ec2 block needs ec2 in targets", () => {
    expect(specProblems({ ec2: {} })).toEqual(['ec2: has options but targets does not include "ec2": add "ec2" to targets or remove this block (got {})']);
  });

  it("says two volumes cannot mount at one path", () => {
    const volumes = [
      { name: "a", path: "/data" },
      { name: "b", path: "/data" },
    ];
    expect(specProblems({ volumes })).toEqual(['volumes[1].path: duplicates volumes[0].path: two volumes cannot mount at one path (got "/data")']);
  });
});

describe("spec policy block errors (stacks/spec/policy.ts)", () => {
  it("says policy.suppress must be a list when given one suppression object", () => {
    expect(specProblems({ policy: { suppress: { rule: "https-only", reason: "x" } } })).toEqual([
      'policy.suppress: must be a list of suppressions { rule, reason } (got {"rule":"https-only","reason":"x"})',
    ]);
  });
});

describe("spec network errors (stacks/spec/network.ts)", () => {
  it('says a public subnet must be a subnet ID when given "sub-1"', () => {
    expect(specProblems({ network: { vpcId: "vpc-0abc1234", publicSubnetIds: ["sub-1"] } })).toEqual(['network.publicSubnetIds[0]: must be a subnet ID like "subnet-0abc1234" (got "sub-1")']);
  });

  it('says vpcId must be a VPC ID when given "vpc-1"', () => {
    expect(specProblems({ network: { vpcId: "vpc-1", publicSubnetIds: ["subnet-0abc1234"] } })).toEqual(['network.vpcId: must be a VPC ID like "vpc-0abc1234" (got "vpc-1")']);
  });

  it("says publicSubnetIds must name at least one subnet when empty", () => {
    expect(specProblems({ network: { vpcId: "vpc-0abc1234", publicSubnetIds: [] } })).toEqual(["network.publicSubnetIds: must name at least one public subnet (got [])"]);
  });
});

describe("ec2 target errors (stacks/targets/ec2/spec.ts)", () => {
  it('says ec2.https.email must be an e-mail address when given "ops"', () => {
    expect(specProblems(ec2Spec({ ec2: { https: { domain: "shop.example.com", email: "ops" } } }))).toEqual(['ec2.https.email: must be an e-mail address (got "ops")']);
  });
});

describe("fargate target field errors (stacks/targets/fargate/spec.ts)", () => {
  it('says certificateArn must be an ACM certificate ARN when given "arn:aws:acm:x"', () => {
    expect(specProblems({ fargate: { https: { certificateArn: "arn:aws:acm:x" } } })).toEqual([
      'fargate.https.certificateArn: must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) (got "arn:aws:acm:x")',
    ]);
  });

  it('says hostedZoneId must be a hosted zone ID when given "Z"', () => {
    expect(specProblems({ fargate: { https: { domain: "shop.example.com", hostedZoneId: "Z" } } })).toEqual([
      'fargate.https.hostedZoneId: must be a Route 53 hosted zone ID like "Z0123456789ABCDEFGHIJ" (got "Z")',
    ]);
  });

  it("says fargate.containerHealthCheck must be a CMD or CMD-SHELL list when given a string", () => {
    expect(specProblems({ fargate: { https, containerHealthCheck: "CMD /ready" } })).toEqual([
      'fargate.containerHealthCheck: must be a health check command: ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got "CMD /ready")',
    ]);
  });

  it('says containerHealthCheck must start with "CMD" or "CMD-SHELL"', () => {
    expect(specProblems({ fargate: { https, containerHealthCheck: ["/ready", "x"] } })).toEqual(['fargate.containerHealthCheck: must start with "CMD" or "CMD-SHELL": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["/ready","x"])']);
  });

  it('says a sidecar name must be lower case when given "Proxy"', () => {
    expect(specProblems({ fargate: { https, sidecars: [{ name: "Proxy", image: "nginx:1.27" }] } })).toEqual([
      'fargate.sidecars[0].name: must be lower case letters, digits and hyphens, starting with a letter, at most 31 characters (got "Proxy")',
    ]);
  });

  it("says clusterName must be 1-255 letters, digits, hyphens and underscores when empty", () => {
    expect(specProblems({ fargate: { https, clusterName: "" } })).toEqual(['fargate.clusterName: must be an ECS cluster name: 1-255 letters, digits, hyphens and underscores (got "")']);
  });

  it('says a writable path must be absolute when given "tmp"', () => {
    expect(specProblems({ fargate: { https, writablePaths: ["tmp"] } })).toEqual(['fargate.writablePaths[0]: must be an absolute path like "/tmp" (got "tmp")']);
  });

  it('says user must be a uid, uid:gid or name when given "app user"', () => {
    expect(specProblems({ fargate: { https, user: "app user" } })).toEqual(['fargate.user: must be a user like "1000", "1000:1000" or "app" (got "app user")']);
  });
});

describe("fargate target checks (stacks/targets/fargate/spec-checks.ts)", () => {
  it("says fargate.https is required when the fargate block has neither https nor plainHttp", () => {
    expect(specProblems({ fargate: {} })).toEqual([
      "fargate.https: is required for the fargate target: give { certificateArn } or { domain, hostedZoneId }; for a first demo without a domain, set fargate.plainHttp: true instead (got nothing)",
    ]);
  });

  it("says plainHttp cannot be true together with https", () => {
    expect(specProblems({ fargate: { https, plainHttp: true } })).toEqual(["fargate.plainHttp: cannot be true together with fargate.https: choose one (got true)"]);
  });

  it('says a sidecar cannot be named "web", the app container\'s name', () => {
    expect(specProblems({ fargate: { https, sidecars: [{ name: "web", image: "nginx:1.27" }] } })).toEqual([
      'fargate.sidecars[0].name: is already the name of the app container: container names must be unique (got "web")',
    ]);
  });
});
