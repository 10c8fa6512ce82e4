const PARTITION = "aws(?:-cn|-us-gov)?";
const REGION = "[a-z]{2}(?:-gov)?-[a-z]+-\\d";
const ACCOUNT = "\\d{12}";

/** `arn:aws:ssm:<region>:<account>:parameter/<name>` (ECS API Reference, Secret valueFrom; SSM parameter names: a-zA-Z0-9_.-/). */
export const SSM_PARAMETER_ARN = new RegExp(`^arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/[A-Za-z0-9_.\\-/]+$`);

/**
 * `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>`, optionally followed by
 * `:<json-key>:<version-stage>:<version-id>` as ECS accepts it (ECS Developer Guide,
 * secrets-envvar-secrets-manager.html). No spaces or quotes in the suffix: the EC2 host passes the
 * ARN through a shell script.
 */
export const SECRETS_MANAGER_ARN = new RegExp(
  `^arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}(?::[^:\\s']*:[^:\\s']*:[^:\\s']*)?$`,
);

export const SECRET_ARN_ALLOWED =
  "an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>[:<json-key>::])";

/** "must be an SSM parameter ARN or …", or undefined. */
export function secretArnProblem(arn: string): string | undefined {
  return SSM_PARAMETER_ARN.test(arn) || SECRETS_MANAGER_ARN.test(arn) ? undefined : `must be ${SECRET_ARN_ALLOWED}`;
}

/** The region part of an SSM or Secrets Manager ARN, or undefined. */
export function arnRegion(arn: string): string | undefined {
  return arn.split(":")[3];
}
