import { parse } from "yaml";
import { errorOf } from "../../helpers";
import { SSM_ARN, synthHost } from "./synth";
import { ACCEPTED_EDGES, REFUSED_EDGES } from "../../fixtures/ecs/health-check-ranges";

/** Every invalid prop is refused before synthesis, with the construct path, the value got and what is allowed. */
const failure = (props: Parameters<typeof synthHost>[0]) => errorOf(() => synthHost(props));

describe("Ec2Host fails", () => {
  it("when the instance type is malformed", () => {
    expect(failure({ instanceType: "t3small" })).toBe('stack/host: instanceType must be an EC2 instance type like "t3.small" (<family>.<size>), got "t3small"');
  });

  it("when the instance type is a Mac", () => {
    expect(failure({ instanceType: "mac2.metal" })).toMatch(/^stack\/host: instanceType "mac2.metal" is a Mac instance, which needs a dedicated host/);
  });

  it("when a Graviton type is given for an amd64 image", () => {
    expect(failure({ instanceType: "t4g.small" })).toBe(
      'stack/host: instanceType "t4g.small" runs linux/arm64 (arm64) but the image is linux/amd64: build the image for linux/arm64 (image.platform) or choose an x86_64 type such as "t3.small"',
    );
  });

  it("when an x86_64 type is given for an arm64 image", () => {
    expect(failure({ instanceType: "t3.small", platform: "linux/arm64" })).toBe(
      'stack/host: instanceType "t3.small" runs linux/amd64 (x86_64) but the image is linux/arm64: build the image for linux/amd64 (image.platform) or choose a Graviton type such as "t4g.small"',
    );
  });

  it.each([80, 443])("when the app's port %i conflicts with the HTTPS proxy", (port) => {
    expect(failure({ port, https: { domain: "shop.example.com" } })).toBe(
      `stack/host: port ${port} conflicts with the HTTPS proxy, which publishes ports 80 and 443 on the host: have the app listen on another port (e.g. 8080)`,
    );
  });

  // AL2023 User Guide, "Connect to your instance using SSH": sshd listens on tcp 22.
  it("when the app's port is 22 with HTTPS (sshd's port; the app's port is bound on the host's loopback)", () => {
    expect(failure({ port: 22, https: { domain: "shop.example.com" } })).toBe(
      "stack/host: port 22 is sshd's on the host, and with HTTPS the app's port is published on the host's loopback: have the app listen on another port (e.g. 8080)",
    );
  });

  it("when the port is out of range", () => {
    expect(failure({ port: 70000 })).toBe("stack/host: port must be a whole number from 1 to 65535, got 70000");
  });

  it("when a volume path is not absolute", () => {
    expect(failure({ volumes: [{ name: "data", path: "var/lib/app" }] })).toBe(
      'stack/host: volumes[0].path must be an absolute path inside the container like "/var/lib/app" (not "/" itself), got "var/lib/app"',
    );
  });

  it("when a volume's uid is not a whole number from 0 to 4294967295", () => {
    expect(failure({ volumes: [{ name: "data", path: "/data", uid: -1 }] })).toBe("stack/host: volumes[0].uid must be a whole number from 0 to 4294967295, got -1");
  });

  it("when a volume's gid is not a whole number from 0 to 4294967295", () => {
    expect(failure({ volumes: [{ name: "data", path: "/data", gid: 1.5 }] })).toBe("stack/host: volumes[0].gid must be a whole number from 0 to 4294967295, got 1.5");
  });

  it("when two volumes share a name", () => {
    expect(failure({ volumes: [{ name: "data", path: "/a" }, { name: "data", path: "/b" }] })).toBe('stack/host: volumes[1].name "data" is used twice: volume names must be unique');
  });

  it("when two volumes share a path", () => {
    expect(failure({ volumes: [{ name: "a", path: "/data" }, { name: "b", path: "/data" }] })).toBe('stack/host: volumes[1].path "/data" is used twice: two volumes cannot mount at one path');
  });

  it("when a volume takes the proxy's name", () => {
    expect(failure({ volumes: [{ name: "caddy-data", path: "/data" }] })).toBe(
      `stack/host: volumes[0].name "caddy-data" is reserved for the HTTPS proxy's certificates: choose another name`,
    );
  });

  it("when a secret would set a variable that steers the host's scripts", () => {
    expect(failure({ secrets: { DOCKER_HOST: SSM_ARN } })).toBe(
      'stack/host: secret name "DOCKER_HOST" is reserved on the host: secrets are exported to docker compose, where DOCKER_HOST would change how it runs; rename the variable',
    );
  });

  it("when a secret is not an SSM parameter or Secrets Manager ARN", () => {
    expect(failure({ secrets: { DB_URL: "arn:aws:s3:::bucket/key" } })).toMatch(/^stack\/host: secrets\.DB_URL must be an SSM parameter ARN .* got "arn:aws:s3:::bucket\/key"$/);
  });

  it("when a variable is both plain and secret", () => {
    expect(failure({ environment: { DB_URL: "x" }, secrets: { DB_URL: SSM_ARN } })).toBe("stack/host: DB_URL is both a plain environment variable and a secret: keep it in one of them");
  });

  it("when an environment variable name is not valid", () => {
    expect(failure({ environment: { "LOG-LEVEL": "info" } })).toBe(
      'stack/host: environment: key "LOG-LEVEL" is not allowed: must be an environment variable name like LOG_LEVEL: letters, digits and underscores, not starting with a digit',
    );
  });

  it("when the update timeout is not longer than the health check's grace period", () => {
    expect(failure({ updateTimeoutSeconds: 60, healthCheck: { gracePeriodSeconds: 60 } })).toBe(
      "stack/host: updateTimeoutSeconds (60) must be longer than healthCheck.gracePeriodSeconds (60): every update would roll back before the app could start; raise updateTimeoutSeconds",
    );
  });

  it("when the health check path does not start with /", () => {
    expect(failure({ healthCheck: { path: "health" } })).toBe('stack/host: healthCheck.path must be an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters), got "health"');
  });

  it("when egress leaves out HTTPS", () => {
    expect(failure({ egress: [{ port: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP" }] })).toBe(
      "stack/host: egress must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it",
    );
  });

  it("when the only 443 egress is UDP", () => {
    expect(failure({ egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "QUIC", protocol: "udp" }] })).toBe(
      "stack/host: egress must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it",
    );
  });

  it("when an egress rule has no description", () => {
    expect(failure({ egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: " " }] })).toBe(
      'stack/host: egress[0].description must be a description of 1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (what EC2 accepts), not all spaces, got " "',
    );
  });

  it("when an ingress CIDR is not valid", () => {
    expect(failure({ ingressCidrs: ["10.0.0.0/33"] })).toBe(
      'stack/host: ingressCidrs[0] must be an IPv4 CIDR like "203.0.113.0/24": four numbers from 0 to 255 and a prefix from 0 to 32, got "10.0.0.0/33"',
    );
  });

  it("when the root volume is smaller than the AMI's 8 GiB", () => {
    expect(failure({ rootVolumeGiB: 4 })).toBe("stack/host: rootVolumeGiB must be a whole number from 8 to 16384 GiB, got 4");
  });

  it("when the log retention is not one CloudWatch accepts", () => {
    expect(failure({ logRetentionDays: 10 })).toMatch(/^stack\/host: logRetentionDays must be a CloudWatch retention in days: 1, 3, 5, 7, 14, .*, got 10$/);
  });

  it("when the name cannot prefix resource names", () => {
    expect(failure({ name: "Shop" })).toBe('stack/host: name must be 2-41 lower case letters, digits and hyphens starting with a letter (it prefixes resource names), got "Shop"');
  });

  it("when an image URI has neither tag nor digest", () => {
    expect(failure({ image: { uri: "public.ecr.aws/nginx/nginx" } })).toBe(
      'stack/host: image.uri must be an image reference with a tag or a digest like "public.ecr.aws/nginx/nginx:1.27" or registry/name@sha256:<64 hex> (berth never deploys an implicit :latest), got "public.ecr.aws/nginx/nginx"',
    );
  });

  it("when a pinned reference names a tag instead of a digest", () => {
    expect(failure({ image: { ecrRepositoryName: "shop-dev/web", pinnedReference: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web:latest" } })).toBe(
      'stack/host: image.pinnedReference must be <repository uri>@sha256:<64 hex digits>, got "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web:latest"',
    );
  });

  // Docker's tag grammar: [\w][\w.-]{0,127} (distribution/reference), so at most 128 characters.
  it("when a tag is 129 characters long", () => {
    expect(failure({ image: { ecrRepositoryName: "shop-dev/web", tag: "a".repeat(129) } })).toBe(
      `stack/host: image.tag must be a Docker tag (a letter, digit or underscore, then up to 127 of those, "." or "-"), got "${"a".repeat(129)}"`,
    );
  });

  it("accepts a tag of 128 characters", () => {
    expect(() => synthHost({ image: { ecrRepositoryName: "shop-dev/web", tag: "a".repeat(128) } })).not.toThrow();
  });

  it("when an ECR image names neither a tag nor a pinned reference", () => {
    expect(failure({ image: { ecrRepositoryName: "shop-dev/web" } })).toBe(
      "stack/host/image: give exactly one of tag and pinnedReference (got neither): the image must be named by a tag resolved at plan or by a published digest",
    );
  });

  it("when an ECR image names both a tag and a pinned reference", () => {
    const pinnedReference = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web@sha256:${"a".repeat(64)}`;
    expect(failure({ image: { ecrRepositoryName: "shop-dev/web", tag: "v1", pinnedReference } })).toBe(
      "stack/host/image: give exactly one of tag and pinnedReference (got both): the image must be named by a tag resolved at plan or by a published digest",
    );
  });

  it("when the compose checksum is not a SHA-256", () => {
    expect(failure({ composeSha256: "abc" })).toBe('stack/host: composeSha256 must be 64 lower case hex digits (the release binary\'s SHA-256), got "abc"');
  });

  it("when the release does not fit in the deploy association's parameters", () => {
    expect(failure({ environment: { BIG: "x".repeat(40000) } })).toMatch(
      /^stack\/host: the release \(compose file, settings, secret references\) takes \d+ bytes encoded, more than the 40000 that fit beside the deploy document in SSM's 64 KB: move large environment values/,
    );
  });
});

// EC2 User Guide, user-data.html: "User data is limited to 16 KB, in raw form, before it is
// base64-encoded". composeVersion is the one value of unbounded length in the user data.
describe("Ec2Host: the user data limit of 16384 bytes, at the bound", () => {
  it("accepts user data of exactly 16384 bytes (a composeVersion of 8444 characters)", () => {
    expect(() => synthHost({ composeVersion: `v2.39.${"4".repeat(8438)}` })).not.toThrow();
  });

  it("refuses user data of 16385 bytes (a composeVersion of 8445 characters)", () => {
    expect(failure({ composeVersion: `v2.39.${"4".repeat(8439)}` })).toMatch(/^stack\/host: the user data takes 16385 bytes, more than the 16384 EC2 accepts/);
  });
});

// SSM API Reference, CreateDocument: a document is at most 64 KB, and "this quota also includes the
// content specified for input parameters at runtime"; berth keeps 40000 bytes of base64 for the
// release, the deploy document takes the rest.
describe("Ec2Host: the release limit of 40000 encoded bytes, at the bound", () => {
  it("accepts a release of exactly 40000 bytes encoded (an environment value of 29507 characters)", () => {
    expect(() => synthHost({ environment: { BIG: "x".repeat(29507) } })).not.toThrow();
  });

  it("refuses a release of 40004 bytes encoded (an environment value of 29508 characters; base64 grows by 4)", () => {
    expect(failure({ environment: { BIG: "x".repeat(29508) } })).toMatch(/^stack\/host: the release \(compose file, settings, secret references\) takes 40004 bytes encoded, more than the 40000/);
  });
});

describe("Ec2Host containerHealthCheck", () => {
  const command = ["CMD", "/ready"];
  const webOf = (props: Parameters<typeof synthHost>[0]) => {
    const association = synthHost(props).one("aws_ssm_association");
    const encoded = (association.parameters as Record<string, string>).compose!;
    return (parse(Buffer.from(encoded, "base64").toString()) as { services: Record<string, Record<string, unknown>> }).services.web!;
  };

  // ECS API Reference, HealthCheck defaults: interval 30, timeout 5, retries 3; no start period.
  it("fills in interval 30 s, timeout 5 s, retries 3 and start period 0 s", () => {
    expect(webOf({ containerHealthCheck: { command } }).healthcheck).toEqual({ test: command, interval: "30s", timeout: "5s", retries: 3, start_period: "0s" });
  });

  // ECS API Reference, HealthCheck (test/fixtures/ecs/health-check-ranges.ts).
  it.each(ACCEPTED_EDGES)("accepts %s %d", (field, value) => {
    expect(() => synthHost({ containerHealthCheck: { command, [field]: value }, updateTimeoutSeconds: 900 })).not.toThrow();
  });

  it.each(REFUSED_EDGES)("fails on %s %d, naming ECS's range", (field, value, range, ecsField) => {
    expect(failure({ containerHealthCheck: { command, [field]: value }, updateTimeoutSeconds: 900 })).toBe(
      `stack/host: containerHealthCheck.${field} must be a whole number from ${range}, got ${value}: ECS accepts no other container health check ${ecsField}; set a value in that range`,
    );
  });

  it('fails on a command that starts with neither "CMD" nor "CMD-SHELL"', () => {
    expect(failure({ containerHealthCheck: { command: ["/ready"] } })).toBe(
      'stack/host: containerHealthCheck.command must start with "CMD" or "CMD-SHELL": ["CMD", executable, ...arguments] or ["CMD-SHELL", "one shell command"], e.g. ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"] (got ["/ready"])',
    );
  });

  // Docker reference, HEALTHCHECK: the first check runs one interval after the container starts.
  it("accepts an interval one second shorter than the update timeout (180 s by default)", () => {
    expect(() => synthHost({ containerHealthCheck: { command, intervalSeconds: 179 } })).not.toThrow();
  });

  it("fails on an interval as long as the update timeout (180 s by default)", () => {
    expect(failure({ containerHealthCheck: { command, intervalSeconds: 180 } })).toBe(
      "stack/host: updateTimeoutSeconds (180) must be longer than containerHealthCheck.intervalSeconds (180): Docker runs the first check one interval after the container starts, and every update would roll back before it; raise updateTimeoutSeconds or shorten the interval",
    );
  });
});

