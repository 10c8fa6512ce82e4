import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository as EcrRepositoryResource } from "@cdktf/provider-aws/lib/ecr-repository";
import { Testing } from "cdktf";
import { EcrRepository, type EcrRepositoryProps } from "../../constructs/ecr-repository";
import { errorOf } from "../helpers";

function synth(props: Partial<EcrRepositoryProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EcrRepository(scope, "web", { repositoryName: "shop-dev/web", ...props });
  });
}

function lifecycleRules(json: string): { rulePriority: number; selection: Record<string, unknown> }[] {
  const resources = JSON.parse(json).resource.aws_ecr_lifecycle_policy as Record<string, { policy: string }>;
  return JSON.parse(Object.values(resources)[0]!.policy).rules;
}

describe("EcrRepository", () => {
  it("makes tags immutable", () => {
    expect(synth()).toHaveResourceWithProperties(EcrRepositoryResource, { name: "shop-dev/web", image_tag_mutability: "IMMUTABLE" });
  });

  it("scans every pushed image", () => {
    expect(synth()).toHaveResourceWithProperties(EcrRepositoryResource, { image_scanning_configuration: { scan_on_push: true } });
  });

  it("defaults to KMS encryption with the AWS-managed key", () => {
    expect(synth()).toHaveResourceWithProperties(EcrRepositoryResource, { encryption_configuration: [{ encryption_type: "KMS" }] });
  });

  it("uses a customer-managed KMS key when given", () => {
    const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/0b3c8a1e-1111-2222-3333-444455556666";
    expect(synth({ kmsKeyArn })).toHaveResourceWithProperties(EcrRepositoryResource, {
      encryption_configuration: [{ encryption_type: "KMS", kms_key: kmsKeyArn }],
    });
  });

  it("defaults to keeping the repository when it still holds images (force_delete false)", () => {
    expect(synth()).toHaveResourceWithProperties(EcrRepositoryResource, { force_delete: false });
  });

  it("defaults to expiring untagged images 3 days after push", () => {
    expect(lifecycleRules(synth())[0]).toEqual({
      rulePriority: 1,
      description: "Expire untagged images 3 days after push",
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 3 },
      action: { type: "expire" },
    });
  });

  it("defaults to keeping the 30 most recent images, in the last rule", () => {
    expect(lifecycleRules(synth())[1]).toEqual({
      rulePriority: 2,
      description: "Keep the 30 most recent images",
      selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 },
      action: { type: "expire" },
    });
  });

  it("takes the expiry and the count from props", () => {
    const rules = lifecycleRules(synth({ untaggedExpiryDays: 7, keepImages: 5 }));
    expect(rules.map((r) => r.selection.countNumber)).toEqual([7, 5]);
  });

  it("attaches the lifecycle policy to its repository", () => {
    expect(synth()).toHaveResourceWithProperties(EcrLifecyclePolicy, { repository: expect.stringMatching(/^\$\{aws_ecr_repository\.web_repository_\w+\.name\}$/) });
  });

  it("fails when the name has upper case letters, naming the construct path", () => {
    expect(errorOf(() => synth({ repositoryName: "Shop/web" }))).toMatch(
      /^stack\/web: repositoryName must be an ECR repository name: 2-256 lower case letters.*, got "Shop\/web"$/,
    );
  });

  it("fails when keepImages is not a whole number from 1 to 10000", () => {
    expect(errorOf(() => synth({ keepImages: 0 }))).toBe("stack/web: keepImages must be a whole number from 1 to 10000, got 0");
  });

  it("fails when untaggedExpiryDays is fractional", () => {
    expect(errorOf(() => synth({ untaggedExpiryDays: 1.5 }))).toBe("stack/web: untaggedExpiryDays must be a whole number from 1 to 3650 days, got 1.5");
  });
});
