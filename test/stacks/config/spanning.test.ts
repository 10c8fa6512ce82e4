import { ConfigError, validateConfig } from "../../../stacks/config/validate";
import { CERTIFICATE_ARN, minimalSpec } from "../../helpers";

/** The problem lines of the ConfigError a spec raises. */
function problems(spec: unknown): string[] {
  try {
    validateConfig(spec, "berth.config.ts");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error("spec was accepted");
}

const https = { certificateArn: CERTIFICATE_ARN };
const ec2 = (overrides: Record<string, unknown> = {}) => minimalSpec({ targets: ["ec2"], fargate: undefined, ...overrides });
const SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/x";

const cases: [string, Record<string, unknown>][] = [
  ["cpu and memory that are not a Fargate task size", { cpu: 1024, memoryMiB: 1024 }],
  ["a deployment deadlock (1 task, 100 % min, 100 % max)", { desiredCount: 1, fargate: { https, maxPercent: 100 } }],
  ["a desiredCount below the autoscaling range", { desiredCount: 1, fargate: { https, autoscaling: { minCount: 2, maxCount: 4 } } }],
  ["a desiredCount above the autoscaling range", { desiredCount: 5, fargate: { https, autoscaling: { minCount: 2, maxCount: 4 } } }],
  ["capacity weights both 0", { fargate: { https, capacity: { fargate: 0, spot: 0 } } }],
  ["ecsExec with a read-only root filesystem", { fargate: { https, ecsExec: true, readonlyRootFilesystem: true } }],
  ["a writable path that is also a volume's path", { volumes: [{ name: "data", path: "/tmp" }], fargate: { https } }],
  ["one AZ for the fargate target", { network: { azCount: 1 } }],
  ["no NAT and no VPC endpoints for the fargate target", { network: { natGateways: "none" } }],
  ["an existing network without private subnets", { network: { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"] } }],
  ["an existing network with one public subnet", { network: { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111"], privateSubnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] } }],
  ["sidecars whose cpu exceeds the task's", { fargate: { https, sidecars: [{ name: "a", image: "nginx:1", cpu: 200 }, { name: "b", image: "nginx:1", cpu: 57 }] } }],
  ["sidecars whose memory leaves none for the app", { fargate: { https, sidecars: [{ name: "a", image: "nginx:1", memoryMiB: 512 }] } }],
  ["container definitions over 64 KiB", { environment: { BIG: "x".repeat(64000) } }],
  ["a certificate in another region", { fargate: { https: { certificateArn: CERTIFICATE_ARN.replace("eu-west-1", "us-east-1") } } }],
  ["a KMS key in another region", { registry: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0b3c8a1e-1111-2222-3333-444455556666" } }],
  ["a tag key berth sets itself", { tags: { "berth:app": "x" } }],
  ["a Name tag", { tags: { Name: "x" } }],
  ["48 tags (50 with berth's own 3 is 51)", { tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, "v"])) }],
  ["an interval of 5 with the default timeout of 5", { healthCheck: { intervalSeconds: 5 } }],
];

const ec2Cases: [string, Record<string, unknown>][] = [
  ["an x86_64 instance type for an arm64 image", { image: { context: "./app", platform: "linux/arm64" }, ec2: { instanceType: "t3.small" } }],
  ["a Graviton instance type for an amd64 image", { ec2: { instanceType: "t4g.small" } }],
  ["a Mac instance type", { ec2: { instanceType: "mac2.metal" } }],
  ["port 80 with the HTTPS proxy", { port: 80, ec2: { https: { domain: "shop.example.com" } } }],
  ["port 443 with the HTTPS proxy", { port: 443, ec2: { https: { domain: "shop.example.com" } } }],
  ["a volume named like the proxy's", { volumes: [{ name: "caddy-data", path: "/data" }], ec2: { https: { domain: "shop.example.com" } } }],
  ["a secret named PATH", { secrets: { PATH: SSM_ARN } }],
  ["an update timeout not longer than the grace period", { healthCheck: { gracePeriodSeconds: 60 }, ec2: { updateTimeoutSeconds: 60 } }],
  ["a grace period not shorter than the default update timeout", { healthCheck: { gracePeriodSeconds: 180 } }],
  ["egress without tcp 443", { ec2: { egress: [{ port: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP" }] } }],
  ["a release over the SSM parameter budget", { environment: { BIG: "x".repeat(31000) } }],
];

describe("spanning checks refuse", () => {
  it.each(cases)("%s", (_name, overrides) => {
    expect(problems(minimalSpec(overrides))).toMatchSnapshot();
  });
  it.each(ec2Cases)("on ec2: %s", (_name, overrides) => {
    expect(problems(ec2(overrides))).toMatchSnapshot();
  });
});
