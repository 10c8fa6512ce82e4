import { minimalSpec, problemsOf } from "../../../helpers";

/** Checks that span several fields of the ec2 target, each reported at the spec field to change. */
const ec2 = (overrides: Record<string, unknown> = {}) => minimalSpec({ targets: ["ec2"], fargate: undefined, ...overrides });
const https = { https: { domain: "shop.example.com" } };
const SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/x";

// EC2 User Guide, instance types: t3 is x86_64 (Intel), t4g is arm64 (Graviton2); mac2 runs macOS on dedicated hosts.
describe("ec2.instanceType against image.platform", () => {
  it("refuses t3.small for a linux/arm64 image", () => {
    expect(problemsOf(ec2({ image: { context: "./app", platform: "linux/arm64" }, ec2: { instanceType: "t3.small" } }))).toEqual([
      'ec2.instanceType: runs linux/amd64 but image.platform is "linux/arm64": choose a Graviton type such as "t4g.small", or build the image for linux/amd64 (got "t3.small")',
    ]);
  });

  it("accepts t4g.small for a linux/arm64 image", () => {
    expect(problemsOf(ec2({ image: { context: "./app", platform: "linux/arm64" }, ec2: { instanceType: "t4g.small" } }))).toEqual([]);
  });

  it("refuses t4g.small for the default linux/amd64 image", () => {
    expect(problemsOf(ec2({ ec2: { instanceType: "t4g.small" } }))).toEqual([
      'ec2.instanceType: runs linux/arm64 but image.platform is "linux/amd64": choose an x86_64 type such as "t3.small", or build the image for linux/arm64 (got "t4g.small")',
    ]);
  });

  it("accepts the arm64 preset type for an arm64 image when instanceType is unset", () => {
    expect(problemsOf(ec2({ image: { context: "./app", platform: "linux/arm64" } }))).toEqual([]);
  });

  it("refuses mac2.metal", () => {
    expect(problemsOf(ec2({ ec2: { instanceType: "mac2.metal" } }))).toEqual([
      'ec2.instanceType: is a Mac instance, which needs a dedicated host and macOS: choose a Linux type such as "t3.small" or "t4g.small" (got "mac2.metal")',
    ]);
  });
});

// The HTTPS proxy (Caddy) publishes host ports 80 and 443 (docs/ec2.md); without it the app is published on 80.
describe("the app's port and the HTTPS proxy", () => {
  it("refuses port 80 with ec2.https", () => {
    expect(problemsOf(ec2({ port: 80, ec2: https }))).toEqual([
      "port: is taken on the host by the HTTPS proxy of ec2.https, which publishes ports 80 and 443: have the app listen on another port (e.g. 8080) (got 80)",
    ]);
  });

  it("refuses port 443 with ec2.https", () => {
    expect(problemsOf(ec2({ port: 443, ec2: https }))).toEqual([
      "port: is taken on the host by the HTTPS proxy of ec2.https, which publishes ports 80 and 443: have the app listen on another port (e.g. 8080) (got 443)",
    ]);
  });

  // AL2023 User Guide, "Connect to your instance using SSH": sshd listens on tcp 22.
  it("refuses port 22 with ec2.https (the app's port is then bound on the host's loopback)", () => {
    expect(problemsOf(ec2({ port: 22, ec2: https }))).toEqual([
      "port: is sshd's port on the host (Amazon Linux starts sshd on 22; berth's bootstrap turns it off only later), and with ec2.https the app's port is published on the host's loopback: have the app listen on another port (e.g. 8080) (got 22)",
    ]);
  });

  it("accepts port 22 without ec2.https (the host publishes port 80 only)", () => {
    expect(problemsOf(ec2({ port: 22 }))).toEqual([]);
  });

  it("accepts port 8443 with ec2.https", () => {
    expect(problemsOf(ec2({ port: 8443, ec2: https }))).toEqual([]);
  });

  it("accepts port 80 without ec2.https (the container's port binds nothing on the host)", () => {
    expect(problemsOf(ec2({ port: 80 }))).toEqual([]);
  });

  it("refuses a volume named caddy-data with ec2.https", () => {
    expect(problemsOf(ec2({ volumes: [{ name: "caddy-data", path: "/data" }], ec2: https }))).toEqual([
      'volumes[0].name: is reserved on the ec2 target for the HTTPS proxy\'s certificates (caddy-data, caddy-config): choose another name (got "caddy-data")',
    ]);
  });

  it("accepts a volume named caddy-data without ec2.https", () => {
    expect(problemsOf(ec2({ volumes: [{ name: "caddy-data", path: "/data" }] }))).toEqual([]);
  });
});

// docker compose reads PATH, HOME and its COMPOSE_*/DOCKER_* variables from its environment (Docker docs,
// "Set environment variables in Compose"; compose's environment-variables reference), where the host exports secrets.
describe("secret names on the ec2 target", () => {
  it("refuses a secret named PATH", () => {
    expect(problemsOf(ec2({ secrets: { PATH: SSM_ARN } }))).toEqual([
      `secrets.PATH: is reserved on the ec2 target: secrets are exported to docker compose, where PATH would change how it runs; rename the variable (got "${SSM_ARN}")`,
    ]);
  });

  it("refuses a secret named COMPOSE_FILE", () => {
    expect(problemsOf(ec2({ secrets: { COMPOSE_FILE: SSM_ARN } }))).toEqual([
      `secrets.COMPOSE_FILE: is reserved on the ec2 target: secrets are exported to docker compose, where COMPOSE_FILE would change how it runs; rename the variable (got "${SSM_ARN}")`,
    ]);
  });

  it("accepts a secret named DB_PATH", () => {
    expect(problemsOf(ec2({ secrets: { DB_PATH: SSM_ARN } }))).toEqual([]);
  });

  it("accepts a secret named PATH on the fargate target alone", () => {
    expect(problemsOf(minimalSpec({ secrets: { PATH: SSM_ARN } }))).toEqual([]);
  });
});

// docs/ec2.md: an update rolls back when the new containers are not healthy within ec2.updateTimeoutSeconds,
// and failed probes do not count during healthCheck.gracePeriodSeconds (defaults: 180 and 30 for dev).
describe("ec2.updateTimeoutSeconds against healthCheck.gracePeriodSeconds", () => {
  it("refuses updateTimeoutSeconds 60 with gracePeriodSeconds 60 at ec2.updateTimeoutSeconds", () => {
    expect(problemsOf(ec2({ healthCheck: { gracePeriodSeconds: 60 }, ec2: { updateTimeoutSeconds: 60 } }))).toEqual([
      "ec2.updateTimeoutSeconds: leaves ec2.updateTimeoutSeconds (60) no longer than healthCheck.gracePeriodSeconds (60): every update would roll back before the app could start; make updateTimeoutSeconds longer than the grace period (got 60)",
    ]);
  });

  it("accepts updateTimeoutSeconds 61 with gracePeriodSeconds 60", () => {
    expect(problemsOf(ec2({ healthCheck: { gracePeriodSeconds: 60 }, ec2: { updateTimeoutSeconds: 61 } }))).toEqual([]);
  });

  it("refuses gracePeriodSeconds 180 with the default updateTimeoutSeconds of 180 at healthCheck.gracePeriodSeconds", () => {
    expect(problemsOf(ec2({ healthCheck: { gracePeriodSeconds: 180 } }))).toEqual([
      "healthCheck.gracePeriodSeconds: leaves ec2.updateTimeoutSeconds (180) no longer than healthCheck.gracePeriodSeconds (180): every update would roll back before the app could start; make updateTimeoutSeconds longer than the grace period (got 180)",
    ]);
  });

  it("accepts gracePeriodSeconds 179 with the default updateTimeoutSeconds of 180", () => {
    expect(problemsOf(ec2({ healthCheck: { gracePeriodSeconds: 179 } }))).toEqual([]);
  });
});

// The host pulls from ECR and talks to SSM, Secrets Manager and CloudWatch Logs over HTTPS (tcp 443).
describe("ec2.egress", () => {
  it("refuses egress without tcp 443", () => {
    expect(problemsOf(ec2({ ec2: { egress: [{ port: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP" }] } }))).toEqual([
      'ec2.egress: must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it; add { port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" } (got [{"port":80,"cidrBlocks":["0.0.0.0/0"],"description":"HTTP"}])',
    ]);
  });

  it("refuses egress with udp 443 only", () => {
    expect(problemsOf(ec2({ ec2: { egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "QUIC", protocol: "udp" }] } }))).toEqual([
      'ec2.egress: must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it; add { port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" } (got [{"port":443,"cidrBlocks":["0.0.0.0/0"],"description":"QUIC","protocol":"udp"}])',
    ]);
  });

  it("accepts egress with tcp 443 only", () => {
    expect(problemsOf(ec2({ ec2: { egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" }] } }))).toEqual([]);
  });
});

// SSM CreateDocument: a document may be at most 64 KB, "including the content specified for input parameters
// at runtime" (aws-facts.md §4); berth leaves 40000 bytes of it to the release.
describe("the size of the ec2 target's release", () => {
  it("refuses an environment of 31000 characters at environment", () => {
    expect(problemsOf(ec2({ environment: { BIG: "x".repeat(31000) } }))).toEqual([
      `environment: makes the ec2 target's release 41992 bytes base64-encoded (compose file, settings, secret references), more than the 40000 that fit beside berth's deploy document in SSM's 64 KB (SSM CreateDocument quota); move large environment values into SSM parameters and list them under secrets (got {"BIG":"${"x".repeat(69)}...)`,
    ]);
  });

  it("accepts an environment of 28000 characters", () => {
    expect(problemsOf(ec2({ environment: { BIG: "x".repeat(28000) } }))).toEqual([]);
  });
});
