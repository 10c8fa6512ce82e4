import { Testing } from "cdktf";
import { resolveConfig } from "../../../../stacks/spec/resolve";
import type { BerthConfig } from "../../../../stacks/spec/schema";
import { FargateStack } from "../../../../stacks/targets/fargate/stack";
import { CERTIFICATE_ARN, errorOf, minimalSpec, resolved, testApp } from "../../../helpers";

// Specs with an existing image (image.uri), so that these tests need no image build or manifest.
const IMAGE = { uri: "public.ecr.aws/nginx/nginx:1.27" };

function synth(overrides: Record<string, unknown> = {}) {
  const stack = new FargateStack(testApp(), resolved({ image: IMAGE, ...overrides }), new Map());
  const parsed = JSON.parse(Testing.synth(stack));
  return (type: string) => Object.values((parsed.resource[type] ?? {}) as Record<string, Record<string, unknown>>);
}

const SSM_MESSAGES = "com.amazonaws.eu-west-1.ssmmessages";

describe("FargateStack: ECS Exec and VPC endpoints", () => {
  // ECS Developer Guide, ecs-exec.html: a task without NAT needs the ssmmessages interface endpoint.
  it("ECS Exec in an own VPC without NAT: creates the ssmmessages interface endpoint", () => {
    const all = synth({ network: { natGateways: "none", vpcEndpoints: true }, fargate: { https: { certificateArn: CERTIFICATE_ARN }, ecsExec: true } });
    expect(all("aws_vpc_endpoint").filter((e) => e.service_name === SSM_MESSAGES).map((e) => e.vpc_endpoint_type)).toEqual(["Interface"]);
  });

  it("without ECS Exec in an own VPC without NAT: creates no ssmmessages endpoint", () => {
    const all = synth({ network: { natGateways: "none", vpcEndpoints: true } });
    expect(all("aws_vpc_endpoint").filter((e) => e.service_name === SSM_MESSAGES)).toEqual([]);
  });

  it("ECS Exec with a NAT and no vpcEndpoints: creates no endpoint (sessions go through the NAT)", () => {
    const all = synth({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, ecsExec: true } });
    expect(all("aws_vpc_endpoint")).toEqual([]);
  });
});

describe("FargateStack: an existing ECS cluster", () => {
  // ECS API Reference, CreateService capacityProviderStrategy: a strategy may name only providers
  // associated with the cluster; the data source cannot tell which an existing cluster has.
  it("fargate.clusterName: the service uses the FARGATE launch type and no capacity provider strategy", () => {
    const service = synth({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, clusterName: "platform" } })("aws_ecs_service")[0]!;
    expect([service.launch_type, service.capacity_provider_strategy]).toEqual(["FARGATE", undefined]);
  });

  it("fargate.clusterName: associates no capacity providers with the cluster", () => {
    expect(synth({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, clusterName: "platform" } })("aws_ecs_cluster_capacity_providers")).toEqual([]);
  });
});

describe("FargateStack: EFS volumes on first apply", () => {
  it("makes the service depend on both EFS mount targets (one per private subnet of the 2 AZs)", () => {
    const dependsOn = synth({ volumes: [{ name: "data", path: "/data" }] })("aws_ecs_service")[0]!.depends_on as string[];
    expect(dependsOn.filter((d) => d.startsWith("aws_efs_mount_target."))).toHaveLength(2);
  });
});

describe("FargateStack: the ALB's subnet size", () => {
  // ELB User Guide, application-load-balancers.html, "Subnets for your load balancer": at least a
  // /27. The spec rejects a /24 VPC first; this config skips validation to reach the construct guard.
  it("a /24 VPC that skipped spec validation still fails at the load balancer, which is told the /28 subnet size", () => {
    const unvalidated = resolveConfig(minimalSpec({ image: IMAGE, network: { cidrBlock: "10.0.0.0/24" } }) as BerthConfig, "/work/app");
    expect(errorOf(() => new FargateStack(testApp(), unvalidated, new Map()))).toBe(
      "shop-dev-fargate/alb: the subnets are /28 but an Application Load Balancer needs subnets of /27 or larger (with 8 free addresses each): give it larger subnets",
    );
  });
});
