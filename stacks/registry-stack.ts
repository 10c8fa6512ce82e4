import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { EcrRepository } from "../constructs/ecr-repository";
import { BerthStack } from "./berth-stack";
import type { ResolvedConfig } from "./spec/resolve";
import { repositoryName, stackName } from "./naming";

/**
 * The app's ECR repositories, in a stack of their own so that images can be pushed before the
 * service stacks (which pin those images) are applied.
 */
export class RegistryStack extends BerthStack {
  /** Repositories by image name. */
  readonly repositories: ReadonlyMap<string, EcrRepository>;

  constructor(scope: Construct, config: ResolvedConfig) {
    super(scope, stackName(config, "registry"), config);
    const repositories = new Map<string, EcrRepository>();
    // An image given by URI lives in someone else's registry: nothing to create for it.
    for (const image of config.services.map((s) => s.image).filter((i) => i.build)) {
      const repository = new EcrRepository(this, image.name, {
        repositoryName: repositoryName(config, image.name),
        untaggedExpiryDays: config.registry.untaggedExpiryDays,
        keepImages: config.registry.keepImages,
        kmsKeyArn: config.registry.kmsKeyArn,
        forceDelete: config.registry.forceDelete,
      });
      new TerraformOutput(this, `${image.name}_repository_url`, { value: repository.repositoryUrl });
      new TerraformOutput(this, `${image.name}_repository_arn`, { value: repository.repositoryArn });
      repositories.set(image.name, repository);
    }
    this.repositories = repositories;
  }
}
