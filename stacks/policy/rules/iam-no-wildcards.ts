import { resourcesOf, type Finding, type Rule } from "../types";

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
  id: "iam-no-wildcards",
  severity: "error",
  checkov: ["CKV_AWS_290", "CKV_AWS_355", "CKV_AWS_62"],
  securityHub: ["IAM.21"],
  title: 'Inline and customer policies allow no "*" actions, and "*" resources only for actions that have no resource-level permissions',
  why: "Wildcard actions or resources grant more than the app needs, so one compromised task can reach everything.",
  fix: "Name the actions and resource ARNs the app uses in fargate.taskPolicyStatements / the role's policy.",
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
            ...wildActions.map((a) => ({ resource, message: `allows the wildcard action ${JSON.stringify(a)}` })),
            ...(resources.includes("*") && !resourceless ? [{ resource, message: `allows ${actions.join(", ")} on every resource ("*")` }] : []),
          ];
        });
    }),
};
