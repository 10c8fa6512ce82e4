import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { assumeRolePolicy } from "../iam";

export interface HostRoleProps {
  readonly name: string;
  /** ECR repositories the host pulls from; none for a public image. */
  readonly repositoryArns: readonly string[];
  /** The containers' log group. */
  readonly logGroupArn: string;
  /** The app's secrets: SSM parameter and Secrets Manager ARNs (a `:json-key::` suffix is allowed). */
  readonly secretArns: readonly string[];
}

interface Statement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource?: string | string[];
  NotResource?: string[];
}

/** The parameter-reading actions; AmazonSSMManagedInstanceCore allows them on every parameter. */
const PARAMETER_READS = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"];

/** A Secrets Manager ARN without the `:json-key:stage:version` suffix ECS accepts. */
export function secretResource(arn: string): string {
  return arn.split(":").slice(0, 7).join(":");
}

/**
 * The host's permissions, and nothing else: Session Manager and State Manager through the AWS-managed
 * AmazonSSMManagedInstanceCore (kept current by AWS), pulls from the app's repositories, writes to its
 * log group, and reads of exactly the listed secrets. That managed policy also allows reading every
 * SSM parameter, so an explicit deny limits parameter reads to the listed ones.
 */
export function hostPolicy(props: HostRoleProps): string {
  const parameters = props.secretArns.filter((arn) => arn.split(":")[2] === "ssm");
  const secrets = props.secretArns.filter((arn) => arn.split(":")[2] === "secretsmanager").map(secretResource);
  const statements: Statement[] = [
    {
      Sid: "NoOtherParameters",
      Effect: "Deny",
      Action: PARAMETER_READS,
      ...(parameters.length > 0 ? { NotResource: parameters } : { Resource: "*" }),
    },
    { Sid: "WriteContainerLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${props.logGroupArn}:log-stream:*` },
  ];
  if (props.repositoryArns.length > 0) {
    // GetAuthorizationToken has no resource-level permissions: AWS requires "*".
    statements.push({ Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" });
    statements.push({
      Sid: "PullAppImages",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      Resource: [...props.repositoryArns],
    });
  }
  if (parameters.length > 0) statements.push({ Sid: "ReadAppParameters", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: parameters });
  if (secrets.length > 0) statements.push({ Sid: "ReadAppSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...new Set(secrets)] });
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The instance role and profile of an EC2 host. */
export class HostRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
  readonly instanceProfileName: string;
  /** The role's permissions: an instance should start only once they are in place. */
  readonly permissions: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: HostRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: `${props.name}-ec2-host`,
      description: `berth EC2 host of ${props.name}`,
      assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    });
    const partition = new DataAwsPartition(this, "partition");
    const ssmCore = new IamRolePolicyAttachment(this, "ssm-core", {
      role: role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const policy = new IamRolePolicy(this, "host", { role: role.name, name: "berth-host", policy: hostPolicy(props) });
    const profile = new IamInstanceProfile(this, "profile", { name: `${props.name}-ec2-host`, role: role.name });
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.instanceProfileName = profile.name;
    this.permissions = [ssmCore, policy];
  }
}
