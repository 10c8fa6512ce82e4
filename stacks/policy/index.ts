import { albAccessLogs } from "./rules/alb-access-logs";
import { defaultSgClosed } from "./rules/default-sg-closed";
import { ecrImmutableScanned } from "./rules/ecr-immutable-scanned";
import { ecrLifecycle } from "./rules/ecr-lifecycle";
import { ecsNoPublicIp } from "./rules/ecs-no-public-ip";
import { ecsNonPrivileged } from "./rules/ecs-non-privileged";
import { ecsReadonlyRoot } from "./rules/ecs-readonly-root";
import { efsTransitEncryption } from "./rules/efs-transit-encryption";
import { httpsOnly } from "./rules/https-only";
import { iamNoWildcards } from "./rules/iam-no-wildcards";
import { imdsv2Required } from "./rules/imdsv2-required";
import { instanceProfile } from "./rules/instance-profile";
import { logRetention } from "./rules/log-retention";
import { logRetentionFloor } from "./rules/log-retention-floor";
import { modernTls } from "./rules/modern-tls";
import { noLatestImage } from "./rules/no-latest-image";
import { noOpenIngress } from "./rules/no-open-ingress";
import { noSecretsInUserData } from "./rules/no-secrets-in-user-data";
import { noSsh } from "./rules/no-ssh";
import { noWildcardPrincipals } from "./rules/no-wildcard-principals";
import { separateTaskRoles } from "./rules/separate-task-roles";
import { storageEncrypted } from "./rules/storage-encrypted";
import { vpcFlowLogs } from "./rules/vpc-flow-logs";
import type { Rule } from "./types";

export type { Finding, Rule, Severity, TerraformJson } from "./types";

/** Every policy rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  ecsNoPublicIp,
  imdsv2Required,
  storageEncrypted,
  httpsOnly,
  modernTls,
  logRetention,
  logRetentionFloor,
  ecrImmutableScanned,
  ecrLifecycle,
  ecsNonPrivileged,
  ecsReadonlyRoot,
  efsTransitEncryption,
  noLatestImage,
  separateTaskRoles,
  iamNoWildcards,
  noWildcardPrincipals,
  noOpenIngress,
  noSsh,
  noSecretsInUserData,
  instanceProfile,
  defaultSgClosed,
  vpcFlowLogs,
  albAccessLogs,
];
