import { regionProblem } from "./regions";

/**
 * An IAM action without wildcards: `<service prefix>:<action>` (IAM User Guide,
 * reference_policies_elements_action.html). IAM accepts "*" and "?" in actions; berth does not,
 * as the policy rule iam-no-wildcards refuses any wildcard action in a synthesized policy.
 */
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

export const IAM_ACTION_ALLOWED = 'an IAM action like "s3:GetObject", without wildcards: name each action the app calls';

/** "must be an IAM action …", or undefined. */
export function iamActionProblem(action: string): string | undefined {
  return ACTION.test(action) ? undefined : `must be ${IAM_ACTION_ALLOWED}`;
}

/**
 * A resource ARN, `arn:<partition>:<service>:<region>:<account>:<resource>` (IAM User Guide,
 * reference-arns.html). IAM allows "*" and "?" in any segment (reference_policies_elements_resource.html);
 * berth allows them only in the resource part and after a literal resource type or name
 * ("table/*", "shop-uploads/*"), so that a policy always names what it grants. The region is empty
 * (global services such as S3, IAM) or an AWS region; the account is empty, 12 digits or "aws"
 * (AWS-managed resources).
 */
const RESOURCE_ARN = /^arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:([a-z0-9-]*):(\d{12}|aws|):[^*?\s][^\s]*$/;

export const IAM_RESOURCE_ALLOWED =
  'an ARN like "arn:aws:s3:::shop-uploads/*": arn:<partition>:<service>:<region>:<account>:<resource>, with wildcards only inside <resource> after a literal type or name (not "*", "arn:*" or "arn:aws:s3:::*")';

/** Why `arn` is not a resource berth grants access to, or undefined. */
export function iamResourceProblem(arn: string): string | undefined {
  const m = RESOURCE_ARN.exec(arn);
  if (!m) return `must be ${IAM_RESOURCE_ALLOWED}`;
  const region = m[2]!;
  const problem = region === "" ? undefined : regionProblem(region);
  return problem === undefined ? undefined : `has the region "${region}", which ${problem}`;
}
