import { Testing } from "cdktf";
import type { Ec2HostProps } from "../../../../constructs/ec2-host";
import { EcrRepository, type EcrRepositoryProps } from "../../../../constructs/ecr-repository";
import { FargateService, type FargateServiceProps } from "../../../../constructs/fargate-service";
import { LoadBalancer, type LoadBalancerProps } from "../../../../constructs/load-balancer";
import { Network, type NetworkProps } from "../../../../constructs/network";
import { synthHost } from "../../../constructs/ec2-host/synth";
import { CERTIFICATE_ARN, errorOf, minimalSpec, problemsOf } from "../../../helpers";

/**
 * "Gets the same rule": a bad value is refused by the spec (field path, value got) and by the
 * construct guard (construct path, prop, value got) with one rule text, written out in each test.
 */

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** The problem lines of the minimal spec with `overrides`, [] when it is valid. */
export function specProblems(overrides: Record<string, unknown>): string[] {
  return problemsOf(minimalSpec(overrides));
}

/** A spec for the ec2 target alone. */
export const ec2Spec = (overrides: Record<string, unknown>) => ({ targets: ["ec2"], fargate: undefined, ...overrides });

/** Asserts that the spec refuses `value` at `path` with `rule`, and the construct at `where` with the same rule. */
export function sameRule(spec: Record<string, unknown>, path: string, build: () => unknown, where: string, value: unknown, rule: string): void {
  expect(specProblems(spec)).toEqual([`${path}: ${rule} (got ${show(value)})`]);
  expect(errorOf(build)).toBe(`${where} ${rule}, got ${show(value)}`);
}

/** Asserts that both the spec and the construct accept. */
export function bothAccept(spec: Record<string, unknown>, build: () => unknown): void {
  expect(specProblems(spec)).toEqual([]);
  expect(build).not.toThrow();
}

export const host = (props: Partial<Ec2HostProps>) => () => synthHost(props);

const ALB: LoadBalancerProps = {
  name: "shop-dev",
  vpcId: "vpc-0abc1234",
  subnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
  https: { certificateArn: CERTIFICATE_ARN },
  targetPort: 8080,
  healthCheck: { path: "/" },
};

export const alb = (props: Partial<LoadBalancerProps>) => () => Testing.synthScope((scope) => new LoadBalancer(scope, "alb", { ...ALB, ...props }));

export const repository = (props: Partial<EcrRepositoryProps>) => () =>
  Testing.synthScope((scope) => new EcrRepository(scope, "repository", { repositoryName: "shop-dev/web", ...props }));

export const network = (props: Partial<NetworkProps>) => () => Testing.synthScope((scope) => new Network(scope, "network", { name: "shop-dev", region: "eu-west-1", ...props }));

export const service =
  ({ container, ...props }: Partial<Omit<FargateServiceProps, "container">> & { container?: Partial<FargateServiceProps["container"]> }) =>
  () =>
    Testing.synthScope((scope) => {
      new FargateService(scope, "service", {
        name: "shop-dev",
        region: "eu-west-1",
        vpcId: "vpc-0abc1234",
        subnetIds: ["subnet-0ccc3333"],
        loadBalancer: new LoadBalancer(scope, "alb", ALB),
        repositoryArns: ["arn:aws:ecr:eu-west-1:123456789012:repository/shop-dev/web"],
        container: { name: "web", image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web@sha256:${"a".repeat(64)}`, ...container },
        ...props,
      });
    });

export { CERTIFICATE_ARN };
