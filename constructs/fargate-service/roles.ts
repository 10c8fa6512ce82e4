import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { assumeRolePolicy, policyDocument, type PolicyStatement } from "../iam";

export interface TaskRolesProps {
  readonly name: string;
  /** ECR repositories the task pulls from. */
  readonly repositoryArns: readonly string[];
  /** The task's log group ARN. */
  readonly logGroupArn: string;
  /** SSM parameter / Secrets Manager ARNs the containers receive (JSON-key suffixes allowed). */
  readonly secretArns: readonly string[];
  /** Statements of the app's own permissions. */
  readonly taskStatements: readonly PolicyStatement[];
}

/**
 * The two roles of a task, kept apart: the execution role (ECS pulls images, writes logs, reads
 * the listed secrets) and the task role (the app's own permissions, none unless given).
 */
export class TaskRoles extends Construct {
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly taskRoleName: string;
  /** The roles' policies: tasks should start only once they exist (IAM propagates after creation). */
  readonly permissions: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: TaskRolesProps) {
    super(scope, id);
    const account = new DataAwsCallerIdentity(this, "account");
    const trust = assumeRolePolicy("ecs-tasks.amazonaws.com", account.accountId);

    const execution = new IamRole(this, "execution", { name: `${props.name}-execution`, assumeRolePolicy: trust });
    const executionPolicy = new IamRolePolicy(this, "execution-policy", { role: execution.name, name: "pull-log-secrets", policy: policyDocument(executionStatements(props)) });

    const task = new IamRole(this, "task", { name: `${props.name}-task`, assumeRolePolicy: trust });
    const taskPolicy =
      props.taskStatements.length > 0
        ? new IamRolePolicy(this, "task-policy", { role: task.name, name: "app", policy: policyDocument(props.taskStatements) })
        : undefined;
    this.executionRoleArn = execution.arn;
    this.taskRoleArn = task.arn;
    this.taskRoleName = task.name;
    this.permissions = taskPolicy ? [executionPolicy, taskPolicy] : [executionPolicy];
  }
}

function executionStatements(props: TaskRolesProps): PolicyStatement[] {
  const ssm = props.secretArns.filter((arn) => arn.split(":")[2] === "ssm");
  // ECS accepts `<secret arn>:<json-key>:<stage>:<version>`; IAM wants the secret's own ARN.
  const secretsManager = [...new Set(props.secretArns.filter((arn) => arn.split(":")[2] === "secretsmanager").map((arn) => arn.split(":").slice(0, 7).join(":")))];
  const statements: PolicyStatement[] = [];
  if (props.repositoryArns.length > 0) {
    // GetAuthorizationToken has no resource-level permissions: "*" is the only valid resource.
    statements.push({ sid: "EcrToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] });
    statements.push({
      sid: "EcrPull",
      actions: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      resources: [...props.repositoryArns],
    });
  }
  statements.push({ sid: "Logs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${props.logGroupArn}:*`] });
  if (ssm.length > 0) statements.push({ sid: "SsmSecrets", actions: ["ssm:GetParameters"], resources: ssm });
  if (secretsManager.length > 0) statements.push({ sid: "SecretsManagerSecrets", actions: ["secretsmanager:GetSecretValue"], resources: secretsManager });
  return statements;
}
