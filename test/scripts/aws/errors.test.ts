import { BerthError } from "../../../stacks/errors";
import { awsError, type AwsCall } from "../../../scripts/aws/errors";

const call: AwsCall = { service: "ECR", operation: "DescribeImages", subject: "shop-dev/web:h-1", region: "eu-west-1" };
const message = (error: unknown) => (awsError(error, call) as Error).message;
const named = (name: string, text: string, extra: object = {}) => Object.assign(new Error(text), { name, ...extra });

describe("awsError", () => {
  it("says how to provide credentials when there are none", () => {
    expect(message(named("CredentialsProviderError", "Could not load credentials from any providers")).split("\n")[0]).toBe(
      "No AWS credentials found for ECR DescribeImages (shop-dev/web:h-1) in eu-west-1.",
    );
  });

  it("says to refresh credentials AWS rejected", () => {
    expect(message(named("ExpiredTokenException", "The security token included in the request is expired", { $metadata: {} }))).toBe(
      "AWS rejected the credentials for ECR DescribeImages (shop-dev/web:h-1) in eu-west-1: ExpiredTokenException: The security token included in the request is expired\n" +
        "Refresh them (e.g. aws sso login, or new access keys) and run again.",
    );
  });

  it("names the IAM permission that is missing", () => {
    expect(message(named("AccessDeniedException", "User is not authorized", { $metadata: {} }))).toBe(
      "Access denied for ECR DescribeImages (shop-dev/web:h-1) in eu-west-1: User is not authorized\n" +
        "Grant the identity ecr:DescribeImages (docs/images.md lists every permission berth uses) and run again.",
    );
  });

  it("names the endpoint override when the API cannot be reached", () => {
    expect(message(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe(
      "Could not reach the ECR API for ECR DescribeImages (shop-dev/web:h-1) in eu-west-1: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1\n" +
        "Check the network, or AWS_ENDPOINT_URL_ECR if you point berth at another endpoint (e.g. LocalStack), then run again.",
    );
  });

  it("turns any other AWS answer into a user error with its name", () => {
    expect(awsError(named("ServerException", "internal", { $metadata: {} }), call)).toBeInstanceOf(BerthError);
  });

  it("leaves an error that is not from AWS as it is (a bug)", () => {
    const bug = new TypeError("x is undefined");
    expect(awsError(bug, call)).toBe(bug);
  });
});
