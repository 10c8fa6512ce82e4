import { Testing } from "cdktf";
import type { TerraformStack } from "cdktf";
import { runPolicy } from "../../stacks/policy/run";
import { Ec2Stack } from "../../stacks/targets/ec2/stack";
import { FargateStack } from "../../stacks/targets/fargate/stack";
import { RegistryStack } from "../../stacks/registry-stack";
import { resolved, testApp, webBuild } from "../helpers";

/** Findings of every rule on each stack the spec makes, by stack name. */
function findings(overrides: Record<string, unknown> = {}) {
  const config = resolved(overrides);
  const stacks: TerraformStack[] = [new RegistryStack(testApp(), config), new FargateStack(testApp(), config, webBuild())];
  if (config.targets.includes("ec2")) stacks.push(new Ec2Stack(testApp(), config, webBuild()));
  return Object.fromEntries(stacks.map((s) => [s.node.id, runPolicy([{ name: s.node.id, json: JSON.parse(Testing.synth(s)) }]).findings]));
}

describe("policy findings on what the stacks create", () => {
  it.each(["dev", "prod"])("a %s Fargate service with HTTPS has no findings", (stage) => {
    expect(findings({ stage })).toEqual({ [`shop-${stage}-registry`]: [], [`shop-${stage}-fargate`]: [] });
  });

  it.each(["dev", "prod"])("a %s EC2 host (plain HTTP and with Caddy HTTPS) has no findings", (stage) => {
    for (const https of [undefined, { domain: "shop.example.com" }]) {
      const all = findings({ stage, targets: ["fargate", "ec2"], secrets: { DB_URL: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db" }, volumes: [{ name: "data", path: "/data" }], ec2: { https } });
      expect(all[`shop-${stage}-ec2`]).toEqual([]);
    }
  });

  it("has no findings with secrets, EFS volumes, sidecars and autoscaling", () => {
    const all = findings({
      secrets: { DB_URL: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db" },
      volumes: [{ name: "data", path: "/data" }],
      fargate: {
        https: { domain: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
        sidecars: [{ name: "proxy", image: "public.ecr.aws/envoy/envoy:v1.31" }],
        autoscaling: { minCount: 2, maxCount: 4, requestsPerTarget: 100 },
      },
      network: { vpcEndpoints: true, natGateways: "none" },
    });
    expect(Object.values(all).flat()).toEqual([]);
  });

  it("flags exactly the plain HTTP listener when plainHttp is chosen (the documented opt-in)", () => {
    expect(findings({ fargate: { plainHttp: true } })["shop-dev-fargate"]).toEqual([
      expect.objectContaining({ rule: "https-only", resource: expect.stringMatching(/^aws_lb_listener\.alb_http_/) }),
    ]);
  });

  it("flags the writable root filesystem that ECS Exec needs (the documented trade-off)", () => {
    expect(findings({ fargate: { plainHttp: false, https: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, ecsExec: true } })["shop-dev-fargate"]).toEqual([
      expect.objectContaining({ rule: "ecs-readonly-root" }),
    ]);
  });

  it("has no findings with ALB access logs to a bucket", () => {
    expect(findings({ fargate: { https: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, accessLogsBucket: "shop-alb-logs" } })["shop-dev-fargate"]).toEqual([]);
  });

  it("flags each prod log group when the spec lowers logRetentionDays under the prod floor of 90", () => {
    expect(findings({ stage: "prod", logRetentionDays: 30 })["shop-prod-fargate"]).toEqual([
      expect.objectContaining({ rule: "log-retention-floor", severity: "warning", message: "keeps prod logs 30 days, under 90" }),
      expect.objectContaining({ rule: "log-retention-floor", severity: "warning", message: "keeps prod logs 30 days, under 90" }),
    ]);
  });

  it("flags a sidecar image on :latest", () => {
    const sidecars = [{ name: "proxy", image: "public.ecr.aws/envoy/envoy:latest" }];
    expect(findings({ fargate: { https: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, sidecars } })["shop-dev-fargate"]).toEqual([
      expect.objectContaining({ rule: "no-latest-image", message: "container proxy image public.ecr.aws/envoy/envoy:latest uses the :latest tag" }),
    ]);
  });
});
