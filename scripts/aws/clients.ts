import { ECRClient } from "@aws-sdk/client-ecr";
import { STSClient } from "@aws-sdk/client-sts";

export interface AwsClients {
  readonly ecr: ECRClient;
  readonly sts: STSClient;
}

/**
 * ECR and STS clients for the spec's region (deploy adds ECS's; publish does not load it).
 * Credentials come from the SDK's standard chain (environment, profile, SSO, web identity for CI
 * OIDC), and AWS_ENDPOINT_URL_ECR / _ECS / _STS (or AWS_ENDPOINT_URL) point a client at another
 * endpoint, e.g. LocalStack.
 */
export function awsClients(region: string): AwsClients {
  return { ecr: new ECRClient({ region }), sts: new STSClient({ region }) };
}
