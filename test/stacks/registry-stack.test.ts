import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { Testing } from "cdktf";
import { RegistryStack } from "../../stacks/registry-stack";
import { resolveConfig } from "../../stacks/spec/resolve";
import { validateConfig } from "../../stacks/spec/validate";
import { resolved, testApp } from "../helpers";

function synth(overrides: Record<string, unknown> = {}) {
  const stack = new RegistryStack(testApp(), resolved(overrides));
  return { stack, json: Testing.synth(stack), parsed: JSON.parse(Testing.synth(stack)) };
}

/** countNumber of lifecycle rule `index` (0: untagged expiry days, 1: images kept). */
function ruleCount(json: string, index: number): number {
  const policies = JSON.parse(json).resource.aws_ecr_lifecycle_policy as Record<string, { policy: string }>;
  return JSON.parse(Object.values(policies)[0]!.policy).rules[index].selection.countNumber;
}
const untaggedRule = (json: string) => ruleCount(json, 0);
const keepRule = (json: string) => ruleCount(json, 1);

describe("RegistryStack", () => {
  it("is named <app>-<stage>-registry, with stage dev by default", () => {
    expect(synth().stack.node.id).toBe("shop-dev-registry");
  });

  it("creates the repository <app>-<stage>/web for a built image", () => {
    expect(synth().json).toHaveResourceWithProperties(EcrRepository, { name: "shop-dev/web" });
  });

  it("creates a repository <app>-<stage>/<service> for each service's built image, none for one given by URI", () => {
    const config = resolveConfig(
      validateConfig(
        {
          app: "shop",
          region: "eu-west-1",
          targets: ["ec2"],
          services: { web: { image: { context: "./app" }, port: 8080, expose: "public" }, db: { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432 }, worker: { image: { context: "./app" } } },
        },
        "test spec",
      ),
      "/work/app",
    );
    const repositories = JSON.parse(Testing.synth(new RegistryStack(testApp(), config))).resource.aws_ecr_repository as Record<string, { name: string }>;
    expect(Object.values(repositories).map((r) => r.name)).toEqual(["shop-dev/web", "shop-dev/worker"]);
  });

  it("creates no repository for an image given by URI", () => {
    expect(synth({ image: { uri: "public.ecr.aws/nginx/nginx:1.27" } }).json).not.toHaveResource(EcrRepository);
  });

  it("outputs the repository URL and ARN", () => {
    expect(synth().parsed.output).toEqual({
      web_repository_url: { value: expect.stringMatching(/^\$\{aws_ecr_repository\.web_repository_\w+\.repository_url\}$/) },
      web_repository_arn: { value: expect.stringMatching(/^\$\{aws_ecr_repository\.web_repository_\w+\.arn\}$/) },
    });
  });

  it("sets the provider region and tags every resource with app and stage by default", () => {
    expect(synth().parsed.provider.aws).toEqual([
      { region: "eu-west-1", default_tags: [{ tags: { "berth:app": "shop", "berth:stage": "dev" } }] },
    ]);
  });

  it("adds the spec's tags to the default tags", () => {
    expect(synth({ tags: { team: "payments" } }).parsed.provider.aws[0].default_tags[0].tags).toEqual({
      "berth:app": "shop",
      "berth:stage": "dev",
      team: "payments",
    });
  });

  // Terraform resolves a relative local path from the folder it runs in, <outdir>/stacks/<stack>.
  it("defaults to local state beside the output folder, by a path relative to the stack's folder", () => {
    expect(synth().parsed.terraform.backend).toEqual({ local: { path: "../../../terraform.shop-dev-registry.tfstate" } });
  });

  // terraform_data (EC2 host) needs Terraform 1.4; 1.5 is the floor berth tests.
  it("requires Terraform 1.5 or later with local state", () => {
    expect(synth().parsed.terraform.required_version).toBe(">= 1.5");
  });

  // The S3 backend's use_lockfile came in Terraform 1.10 (Terraform S3 backend docs; v1.10 upgrade guide).
  it("requires Terraform 1.10 or later with S3 state, for its lockfile", () => {
    expect(synth({ state: { bucket: "acme-tf-state" } }).parsed.terraform.required_version).toBe(">= 1.10");
  });

  it("stores state in S3 with a lockfile and encryption when the spec has state", () => {
    expect(synth({ state: { bucket: "acme-tf-state" } }).parsed.terraform.backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "berth/shop/dev/shop-dev-registry.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
  });

  it("takes the state key prefix and bucket region from the spec", () => {
    expect(synth({ state: { bucket: "acme-tf-state", keyPrefix: "tf", region: "us-east-1" } }).parsed.terraform.backend.s3).toMatchObject({
      key: "tf/shop-dev-registry.tfstate",
      region: "us-east-1",
    });
  });

  it("dev preset: expires untagged images after 3 days and keeps 20 images", () => {
    const { json } = synth();
    expect(keepRule(json)).toBe(20);
    expect(untaggedRule(json)).toBe(3);
  });

  it("prod preset: keeps 100 images", () => {
    expect(keepRule(synth({ stage: "prod" }).json)).toBe(100);
  });

  it("dev preset: force-deletes repositories on destroy", () => {
    expect(synth().json).toHaveResourceWithProperties(EcrRepository, { force_delete: true });
  });

  it("prod preset: keeps repositories that hold images on destroy", () => {
    expect(synth({ stage: "prod" }).json).toHaveResourceWithProperties(EcrRepository, { name: "shop-prod/web", force_delete: false });
  });

  it("spec registry settings override the preset", () => {
    const { json } = synth({ stage: "prod", registry: { keepImages: 7, forceDelete: true } });
    expect(keepRule(json)).toBe(7);
    expect(json).toHaveResourceWithProperties(EcrRepository, { force_delete: true });
  });
});
