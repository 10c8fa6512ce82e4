import { DescribeImagesCommand, DescribeRepositoriesCommand, GetAuthorizationTokenCommand, type ECRClient } from "@aws-sdk/client-ecr";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { BerthError } from "../../stacks/errors";
import { awsError, type AwsCall } from "../aws/errors";

export interface Repository {
  readonly name: string;
  /** As ECR reports it, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-prod/web`. */
  readonly uri: string;
  /** The registry host docker logs in and pushes to: the URI up to the first "/". */
  readonly registry: string;
}

export interface RemoteImage {
  readonly digest: string;
  readonly tags: readonly string[];
  /** ISO 8601. */
  readonly pushedAt: string;
}

export interface RegistryLogin {
  readonly username: string;
  readonly password: string;
}

/** The ECR calls publish makes; every failure becomes a BerthError that says what to do. */
export class Ecr {
  constructor(
    private readonly ecr: ECRClient,
    private readonly sts: STSClient,
    private readonly region: string,
  ) {}

  /** The repository, with its URI from ECR itself (so endpoint overrides work); undefined when it does not exist. */
  async repository(name: string): Promise<Repository | undefined> {
    const call: AwsCall = { service: "ECR", operation: "DescribeRepositories", subject: name, region: this.region };
    try {
      const out = await this.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
      const uri = out.repositories?.[0]?.repositoryUri ?? "";
      const slash = uri.indexOf("/");
      // The URI is <registry>/<name> exactly: the registry is what precedes the repository name.
      if (slash <= 0 || uri.slice(slash + 1) !== name) {
        throw new BerthError(`ECR answered DescribeRepositories for ${name} with repositoryUri ${JSON.stringify(uri)}, expected <registry>/${name}; check the ECR endpoint (AWS_ENDPOINT_URL_ECR).`);
      }
      return { name, uri, registry: uri.slice(0, slash) };
    } catch (error) {
      if ((error as Error).name === "RepositoryNotFoundException") return undefined;
      throw awsError(error, call);
    }
  }

  /** The image a tag names, or undefined when the repository has no such tag. */
  async imageByTag(repository: string, tag: string): Promise<RemoteImage | undefined> {
    const call: AwsCall = { service: "ECR", operation: "DescribeImages", subject: `${repository}:${tag}`, region: this.region };
    try {
      const out = await this.ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
      const image = out.imageDetails?.[0];
      if (!image?.imageDigest) return undefined;
      return { digest: image.imageDigest, tags: image.imageTags ?? [tag], pushedAt: (image.imagePushedAt ?? new Date()).toISOString() };
    } catch (error) {
      if ((error as Error).name === "ImageNotFoundException") return undefined;
      throw awsError(error, call);
    }
  }

  /** A registry password from GetAuthorizationToken (valid 12 hours). */
  async login(): Promise<RegistryLogin> {
    const call: AwsCall = { service: "ECR", operation: "GetAuthorizationToken", region: this.region };
    let token: string | undefined;
    try {
      token = (await this.ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]?.authorizationToken;
    } catch (error) {
      throw awsError(error, call);
    }
    const decoded = token ? Buffer.from(token, "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw new BerthError("ECR answered GetAuthorizationToken without a usable token (expected base64 of user:password); check the ECR endpoint (AWS_ENDPOINT_URL_ECR).");
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }

  /** The account of the current credentials, for messages; undefined when STS cannot say. */
  async account(): Promise<string | undefined> {
    try {
      return (await this.sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch {
      return undefined;
    }
  }
}
