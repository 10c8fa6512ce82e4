import { DataAwsEcrImage } from "@cdktf/provider-aws/lib/data-aws-ecr-image";
import { DataAwsEcrRepository } from "@cdktf/provider-aws/lib/data-aws-ecr-repository";
import { Construct } from "constructs";

export interface EcrImageProps {
  /** Repository name, e.g. `shop-prod/web` (created by the registry stack). */
  readonly repositoryName: string;
  /** `repo@sha256:…` published by `berth publish`. @default - the most recent image in the repository, by digest */
  readonly pinnedReference?: string;
}

/**
 * An image in one of the app's ECR repositories, always referenced by digest: the published one
 * when there is a manifest, else the repository's most recent image as of plan time.
 */
export class EcrImage extends Construct {
  /** `<repository url>@sha256:…` */
  readonly reference: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
  /** Whether `reference` came from a published manifest (false: most recent at plan time). */
  readonly pinned: boolean;

  constructor(scope: Construct, id: string, props: EcrImageProps) {
    super(scope, id);
    const repository = new DataAwsEcrRepository(this, "repository", { name: props.repositoryName });
    if (props.pinnedReference) {
      this.reference = props.pinnedReference;
    } else {
      const latest = new DataAwsEcrImage(this, "latest", { repositoryName: props.repositoryName, mostRecent: true });
      this.reference = `${repository.repositoryUrl}@${latest.imageDigest}`;
    }
    this.repositoryArn = repository.arn;
    this.repositoryUrl = repository.repositoryUrl;
    this.pinned = props.pinnedReference !== undefined;
  }
}
