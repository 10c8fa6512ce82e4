import { DataAwsEcrImage } from "@cdktf/provider-aws/lib/data-aws-ecr-image";
import { DataAwsEcrRepository } from "@cdktf/provider-aws/lib/data-aws-ecr-repository";
import { Construct } from "constructs";
import { ValidationError } from "../errors";
import { pinnedReference } from "./reference";

export interface EcrImageProps {
  /** Repository name, e.g. `shop-prod/web` (created by the registry stack). */
  readonly repositoryName: string;
  /**
   * The image's tag, resolved to its digest at plan time; plan fails when the repository has no
   * such tag. Give this or `pinnedReference`. @default - none
   */
  readonly tag?: string;
  /** `repo@sha256:…` published by `berth publish`: used as is. Give this or `tag`. @default - none */
  readonly pinnedReference?: string;
}

/**
 * An image in one of the app's ECR repositories, always referenced by digest: a published
 * reference as given, or a tag resolved to its digest at plan time. Never "the most recent image":
 * whatever was pushed last must not reach a service by a plain apply.
 */
export class EcrImage extends Construct {
  /** `<repository url>@sha256:…` */
  readonly reference: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;

  constructor(scope: Construct, id: string, props: EcrImageProps) {
    super(scope, id);
    if ((props.tag === undefined) === (props.pinnedReference === undefined)) {
      throw new ValidationError(
        this,
        `give exactly one of tag and pinnedReference (got ${props.tag === undefined ? "neither" : "both"}): the image must be named by a tag resolved at plan or by a published digest`,
      );
    }
    const repository = new DataAwsEcrRepository(this, "repository", { name: props.repositoryName });
    if (props.pinnedReference !== undefined) {
      this.reference = props.pinnedReference;
    } else {
      // Named after the tag: the provider's error for a missing tag ("couldn't find resource")
      // names only the data source, so its address must say which tag was not found.
      const tagged = new DataAwsEcrImage(this, props.tag!, { repositoryName: props.repositoryName, imageTag: props.tag });
      this.reference = pinnedReference({ repositoryUri: repository.repositoryUrl, digest: tagged.imageDigest });
    }
    this.repositoryArn = repository.arn;
    this.repositoryUrl = repository.repositoryUrl;
  }
}
