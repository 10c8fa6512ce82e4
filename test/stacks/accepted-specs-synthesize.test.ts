import { buildStacks } from "../../stacks/app";
import { CERTIFICATE_ARN, resolved, testApp, webBuild } from "../helpers";

/**
 * A spec the spec validation accepts never reaches a construct's guard: these specs sit on the accepted side
 * of the checks that span fields (test/stacks/spec/spanning.test.ts and each target's checks.test.ts), and every
 * stack they ask for synthesizes.
 */
const https = { certificateArn: CERTIFICATE_ARN };
const both = { targets: ["fargate", "ec2"] };
const sidecar = (name: string, size: Record<string, number>) => ({ name, image: "public.ecr.aws/nginx/nginx:1.27", ...size });
const existing = { vpcId: "vpc-0abc1234", publicSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"], privateSubnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"] };

const boundarySpecs: [string, Record<string, unknown>][] = [
  ["cpu 1024 with memoryMiB 8192", { ...both, cpu: 1024, memoryMiB: 8192 }],
  ["desiredCount 1 with minHealthyPercent 0 and maxPercent 100", { desiredCount: 1, fargate: { https, minHealthyPercent: 0, maxPercent: 100 } }],
  ["desiredCount 3 with maxPercent 134", { desiredCount: 3, fargate: { https, maxPercent: 134 } }],
  ["desiredCount 4 at autoscaling maxCount 4", { desiredCount: 4, fargate: { https, autoscaling: { minCount: 2, maxCount: 4 } } }],
  ["capacity fargate 0 with spot 1", { fargate: { https, capacity: { fargate: 0, spot: 1 } } }],
  ["ecsExec with the read-only default turned off", { fargate: { https, ecsExec: true } }],
  ["a volume at /tmp with writablePaths [/run]", { volumes: [{ name: "data", path: "/tmp" }], fargate: { https, writablePaths: ["/run"] } }],
  ["azCount 2", { ...both, network: { azCount: 2 } }],
  ["azCount 1 for the ec2 target alone", { targets: ["ec2"], fargate: undefined, network: { azCount: 1 } }],
  ["NAT none with VPC endpoints", { ...both, network: { natGateways: "none", vpcEndpoints: true } }],
  ["an existing network with two public and two private subnets", { ...both, network: existing }],
  ["sidecars with 256 CPU units and 511 MiB of the task's 256 and 512", { fargate: { https, sidecars: [sidecar("a", { cpu: 200, memoryMiB: 511 }), sidecar("b", { cpu: 56 })] } }],
  ["an environment of 28000 characters on both targets", { ...both, environment: { BIG: "x".repeat(28000) } }],
  ["47 tags", { ...both, tags: Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`team${i}`, "shop"])) }],
  ["health check interval 6 with the default timeout 5", { ...both, healthCheck: { intervalSeconds: 6 } }],
  ["a t4g.small host for an arm64 image", { targets: ["ec2"], fargate: undefined, image: { context: "./app", platform: "linux/arm64" }, ec2: { instanceType: "t4g.small" } }],
  ["port 8443 with ec2.https", { targets: ["ec2"], fargate: undefined, port: 8443, ec2: { https: { domain: "shop.example.com" } } }],
  ["updateTimeoutSeconds 61 with gracePeriodSeconds 60", { targets: ["ec2"], fargate: undefined, healthCheck: { gracePeriodSeconds: 60 }, ec2: { updateTimeoutSeconds: 61 } }],
  ["egress with tcp 443 only", { targets: ["ec2"], fargate: undefined, ec2: { egress: [{ port: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" }] } }],
];

describe("a spec on the accepted side of every spanning check synthesizes", () => {
  it.each(boundarySpecs)("%s", (_name, overrides) => {
    const app = testApp();
    buildStacks(app, resolved(overrides), webBuild());
    expect(() => app.synth()).not.toThrow();
  });
});
