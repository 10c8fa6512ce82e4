import { resourcesOf, type Finding, type Rule } from "../types";

const rule = "iam-no-wildcards";

/**
 * Actions that have no resource-level permissions, so "*" is the only valid resource:
 * the ECR token, and the SSM message channels of ECS Exec / Session Manager.
 */
const RESOURCELESS_ACTIONS = new Set([
  "ecr:GetAuthorizationToken",
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
]);

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

export const iamNoWildcards: Rule = {
  id: rule,
  checks: ["CKV_AWS_290", "CKV_AWS_355", "CKV_AWS_62", "Security Hub IAM.21"],
  description: 'Inline and customer policies allow no "*" actions, and "*" resources only for actions that have no resource-level permissions',
  evaluate: (stack) =>
    resourcesOf(stack, "aws_iam_role_policy", "aws_iam_policy").flatMap(([resource, policy]): Finding[] => {
      const statements = [JSON.parse(String(policy.policy)).Statement ?? []].flat() as Statement[];
      return statements
        .filter((s) => s.Effect === "Allow")
        .flatMap((s): Finding[] => {
          const actions = [s.Action ?? []].flat();
          const resources = [s.Resource ?? []].flat();
          const wildActions = actions.filter((a) => a.includes("*"));
          const resourceless = actions.every((a) => RESOURCELESS_ACTIONS.has(a));
          return [
            ...wildActions.map((a) => ({ rule, resource, message: `allows the wildcard action ${JSON.stringify(a)}` })),
            ...(resources.includes("*") && !resourceless ? [{ rule, resource, message: `allows ${actions.join(", ")} on every resource ("*")` }] : []),
          ];
        });
    }),
};
