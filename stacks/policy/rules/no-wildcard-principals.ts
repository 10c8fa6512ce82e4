import { resourcesOf, type Rule } from "../types";

/** Resource policies: who else may use a resource. A policy may also be a Terraform reference (skipped). */
const POLICIES: Record<string, string> = {
  aws_efs_file_system_policy: "policy",
  aws_ecr_repository_policy: "policy",
  aws_s3_bucket_policy: "policy",
  aws_kms_key: "policy",
  aws_sns_topic_policy: "policy",
  aws_sqs_queue_policy: "policy",
};

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Condition?: unknown;
}

/** `"*"`, `{ AWS: "*" }` or `{ AWS: ["*"] }`: anyone, in any account. */
function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  return Object.values(principal).some((p) => [p].flat().includes("*"));
}

export const noWildcardPrincipals: Rule = {
  id: "no-wildcard-principals",
  severity: "error",
  // CKV_AWS_32 (ECR policy not public) UNCONFIRMED; it covers the ECR case of this rule.
  checkov: ["CKV_AWS_32"],
  securityHub: [],
  title: 'Resource policies allow nothing to the "*" principal without a condition',
  why: 'An Allow for principal "*" opens the resource to every AWS account, and to anonymous callers where the service allows it.',
  fix: "Name the account, role or service principal that needs access, or add a Condition (e.g. aws:SourceAccount); Deny statements with \"*\" are fine.",
  evaluate: (stack) =>
    Object.entries(POLICIES).flatMap(([type, field]) =>
      resourcesOf(stack, type).flatMap(([resource, body]) => {
        const text = body[field];
        if (typeof text !== "string" || !text.trimStart().startsWith("{")) return [];
        const statements = [(JSON.parse(text) as { Statement?: Statement | Statement[] }).Statement ?? []].flat();
        return statements
          .filter((s) => s.Effect === "Allow" && isEveryone(s.Principal) && s.Condition === undefined)
          .map(() => ({ resource, message: 'allows the "*" principal without a condition' }));
      }),
    ),
};
