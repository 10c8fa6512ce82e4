import { publicAndOthers } from "../../public-service";
import { formatPath } from "../../spec/issue";
import type { ResolvedConfig } from "../../spec/resolve";
import { secretLooking, type SpecWarning } from "../../spec/secret-names";

/** The fargate target's warnings (see stacks/spec/warnings.ts): secret-looking sidecar values, a root app container, a database on EFS. */
export function fargateWarnings(config: ResolvedConfig): SpecWarning[] {
  return [...secretSidecarEnvironment(config), ...rootUser(config), ...statefulServices(config)];
}

/**
 * A service other than the public one that keeps files (a database, typically) runs on Fargate as
 * one task on EFS, replaced stop-first: each deployment stops it for a while, and EFS is network
 * storage with no point-in-time backups of the database itself. Production data wants a managed
 * database. See docs/services.md.
 */
function statefulServices(config: ResolvedConfig): SpecWarning[] {
  const { otherServices } = publicAndOthers(config);
  return otherServices
    .filter((s) => s.volumes.length > 0)
    .map((s) => ({
      path: formatPath([...s.path, "volumes"]),
      message: `makes ${s.name} a stateful service: on the fargate target it runs as one task on EFS, stopped before its replacement starts at every deployment (a short outage), with no failover; for a database in production, use a managed one such as Amazon RDS and pass its address as a secret`,
    }));
}

/**
 * The same for a sidecar, which lives in the task definition too; berth passes `secrets` to the app
 * container only, so the way out is the task role, which every container of the task shares.
 */
function secretSidecarEnvironment(config: ResolvedConfig): SpecWarning[] {
  return config.fargate.sidecars.flatMap((sidecar, i) =>
    secretLooking(sidecar.environment).map(([name, reason]) => ({
      path: formatPath(["fargate", "sidecars", i, "environment", name]),
      message:
        `looks like a secret (${reason}) but is a plain value: it is stored in plain text in the ECS task definition and the Terraform state; ` +
        "berth passes secrets to the app container only, so have the sidecar read the value at start from SSM Parameter Store (SecureString) or Secrets Manager, " +
        "allowed by ssm:GetParameter or secretsmanager:GetSecretValue in fargate.taskRolePolicy",
    })),
  );
}

/** Whether a `fargate.user` value ("uid", "uid:gid", "name", "name:group") names the root user. */
export function isRootUser(user: string): boolean {
  const who = user.split(":")[0]!;
  return who === "root" || (/^\d+$/.test(who) && Number(who) === 0);
}

/**
 * Root in the container turns a bug in the app into root over the container and its volumes.
 * Only an explicit fargate.user is judged: without it the image's USER applies, which berth cannot
 * read offline (warning on every spec without a user would be noise). Sidecars and the EC2 host
 * have no user field, so there is nothing to warn about there.
 */
function rootUser(config: ResolvedConfig): SpecWarning[] {
  const user = config.fargate.user;
  if (user === undefined || !isRootUser(user)) return [];
  return [
    {
      path: formatPath(["fargate", "user"]),
      message: `runs the app container as root: a bug in the app then gives root over the container and its volumes' files; set a non-root user such as "1000:1000" (the app's files and volumes[].uid/gid must allow it), or leave fargate.user out and set USER in the Dockerfile (got ${JSON.stringify(user)})`,
    },
  ];
}
