import { defaultSgClosed } from "./rules/default-sg-closed";
import { ecrImmutableScanned } from "./rules/ecr-immutable-scanned";
import { ecsNoPublicIp } from "./rules/ecs-no-public-ip";
import { ecsNonPrivileged } from "./rules/ecs-non-privileged";
import { ecsReadonlyRoot } from "./rules/ecs-readonly-root";
import { httpsOnly } from "./rules/https-only";
import { iamNoWildcards } from "./rules/iam-no-wildcards";
import { imdsv2Required } from "./rules/imdsv2-required";
import { instanceProfile } from "./rules/instance-profile";
import { logRetention } from "./rules/log-retention";
import { modernTls } from "./rules/modern-tls";
import { noOpenIngress } from "./rules/no-open-ingress";
import { noSecretsInUserData } from "./rules/no-secrets-in-user-data";
import { noSsh } from "./rules/no-ssh";
import { separateTaskRoles } from "./rules/separate-task-roles";
import { storageEncrypted } from "./rules/storage-encrypted";
import { vpcFlowLogs } from "./rules/vpc-flow-logs";
import type { Finding, Rule, TerraformJson } from "./types";

export type { Finding, Rule, TerraformJson } from "./types";

export const RULES: readonly Rule[] = [
  ecsNoPublicIp,
  imdsv2Required,
  storageEncrypted,
  httpsOnly,
  modernTls,
  logRetention,
  ecrImmutableScanned,
  ecsNonPrivileged,
  ecsReadonlyRoot,
  separateTaskRoles,
  iamNoWildcards,
  noOpenIngress,
  noSsh,
  noSecretsInUserData,
  instanceProfile,
  defaultSgClosed,
  vpcFlowLogs,
];

/** Every finding of every rule on one synthesized stack. */
export function checkStack(stack: TerraformJson): Finding[] {
  return RULES.flatMap((rule) => rule.evaluate(stack));
}
