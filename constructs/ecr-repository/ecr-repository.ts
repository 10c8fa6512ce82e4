import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository as EcrRepositoryResource } from "@cdktf/provider-aws/lib/ecr-repository";
import { Construct } from "constructs";
import { check, checkWholeNumber } from "../errors";
import { ECR_REPOSITORY_NAME } from "../limits/names";
import { KEEP_IMAGES, UNTAGGED_EXPIRY_DAYS } from "../limits/registry";
import { patternProblem } from "../limits/rule";

/** ECR's repository name rule (CreateRepository API), 2-256 characters, lower case only. */

export interface EcrRepositoryProps {
  /** Repository name, e.g. `shop-prod/web`. */
  readonly repositoryName: string;
  /** Untagged images (left behind by re-tagging or failed pushes) expire this many days after push. @default 3 */
  readonly untaggedExpiryDays?: number;
  /** How many of the most recent images to keep; older ones expire. @default 30 */
  readonly keepImages?: number;
  /** Customer-managed KMS key ARN for image encryption. @default - the AWS-managed `aws/ecr` KMS key */
  readonly kmsKeyArn?: string;
  /** Let `terraform destroy` delete the repository while it still holds images. @default false */
  readonly forceDelete?: boolean;
}

/**
 * An ECR repository for one app image: immutable tags (a tag always means the same bytes), scan on
 * push, KMS encryption at rest, and a lifecycle policy that bounds storage cost.
 */
export class EcrRepository extends Construct {
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>` (a Terraform reference). */
  readonly repositoryUrl: string;
  readonly repositoryArn: string;
  readonly repositoryName: string;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    const untaggedExpiryDays = props.untaggedExpiryDays ?? 3;
    const keepImages = props.keepImages ?? 30;
    const forceDelete = props.forceDelete ?? false;

    const name = props.repositoryName;
    check(this, "repositoryName", name, patternProblem(ECR_REPOSITORY_NAME, name));
    checkWholeNumber(this, "untaggedExpiryDays", untaggedExpiryDays, UNTAGGED_EXPIRY_DAYS);
    checkWholeNumber(this, "keepImages", keepImages, KEEP_IMAGES);

    const repository = new EcrRepositoryResource(this, "repository", {
      name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      forceDelete,
    });

    new EcrLifecyclePolicy(this, "lifecycle", {
      repository: repository.name,
      policy: JSON.stringify(lifecyclePolicy(untaggedExpiryDays, keepImages)),
    });

    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
    this.repositoryName = name;
  }
}

/** Rules in ascending priority (ECR reorders them otherwise and Terraform sees a diff); `any` must come last. */
function lifecyclePolicy(untaggedExpiryDays: number, keepImages: number) {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images ${untaggedExpiryDays} days after push`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the ${keepImages} most recent images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
        action: { type: "expire" },
      },
    ],
  };
}
