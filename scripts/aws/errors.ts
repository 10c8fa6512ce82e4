import { BerthError } from "../../stacks/errors";

/** The AWS call that failed, for the error message and the IAM permission it needs. */
export interface AwsCall {
  readonly service: "ECR" | "ECS" | "STS";
  readonly operation: string;
  /** What the call was about, e.g. a repository name. */
  readonly subject?: string;
  readonly region: string;
}

const REJECTED_CREDENTIALS = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
]);
const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Turns an error of the AWS SDK into a BerthError that says what failed and what to do: missing or
 * rejected credentials, a missing permission, an unreachable endpoint, or any other AWS answer.
 * Anything that is not an AWS or network error is returned as is (a bug in berth).
 */
export function awsError(error: unknown, call: AwsCall): unknown {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: unknown };
  const what = `${call.service} ${call.operation}${call.subject ? ` (${call.subject})` : ""} in ${call.region}`;
  const detail = `${e.name}: ${e.message}`;
  if (e.name === "CredentialsProviderError") {
    return new BerthError(
      `No AWS credentials found for ${what}.\n` +
        "berth uses the AWS SDK's standard chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE (for SSO run `aws sso login --profile NAME` first), " +
        "or web identity in CI (AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE, e.g. GitHub OIDC). Provide one and run again.",
    );
  }
  if (e.name && REJECTED_CREDENTIALS.has(e.name)) {
    return new BerthError(`AWS rejected the credentials for ${what}: ${detail}\nRefresh them (e.g. aws sso login, or new access keys) and run again.`);
  }
  if (e.name && ACCESS_DENIED.has(e.name)) {
    return new BerthError(
      `Access denied for ${what}: ${e.message}\nGrant the identity ${call.service.toLowerCase()}:${call.operation} (docs/images.md lists every permission berth uses) and run again.`,
    );
  }
  if ((e.code && NETWORK_CODES.has(e.code)) || e.name === "TimeoutError") {
    return new BerthError(
      `Could not reach the ${call.service} API for ${what}: ${e.code ?? e.name} ${e.message ?? ""}\n` +
        `Check the network, or AWS_ENDPOINT_URL_${call.service} if you point berth at another endpoint (e.g. LocalStack), then run again.`,
    );
  }
  if (e.$metadata) return new BerthError(`AWS answered ${what} with ${detail}\nRun again; if it persists, check the AWS Health Dashboard and your account's quotas.`);
  return error;
}
