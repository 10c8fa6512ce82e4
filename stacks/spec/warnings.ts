import { TARGET_DEFINITIONS, definitionsOf } from "../targets";
import { formatPath } from "./issue";
import type { ResolvedConfig, ResolvedService } from "./resolve";
import { secretLooking, type SpecWarning } from "./secret-names";

export type { SpecWarning } from "./secret-names";

/** Every warning of a resolved spec: each service's, in the order written, then each target's; in spec order within each rule. */
export function specWarnings(config: ResolvedConfig): SpecWarning[] {
  const ofTargets = TARGET_DEFINITIONS.filter((t) => config.targets.includes(t.id)).flatMap((t) => t.warnings?.(config) ?? []);
  const ofServices = config.services.flatMap((s) => [...secretEnvironment(config, s), ...secretBuildArgs(config, s)]);
  return [...ofServices, ...ofTargets];
}

/** Where a plain environment value ends up on the spec's targets (in the spec's order), besides the Terraform state. */
function storedIn(config: ResolvedConfig): string {
  const stores = definitionsOf(config.targets).map((t) => t.plainValuesStoredIn);
  return `${stores.join(", ")} and the Terraform state`;
}

/** How to list `name` under the service's `secrets`, with the app's region filled in. */
function secretsEntry(config: ResolvedConfig, service: ResolvedService, name: string): string {
  return `${formatPath([...service.path, "secrets"])}: { ${name}: "arn:aws:ssm:${config.region}:<account>:parameter/<name>" }`;
}

/**
 * A secret given as a plain environment value is readable by anyone who can read the task
 * definition, the host's compose file or the state; `secrets` keeps only a reference there.
 */
function secretEnvironment(config: ResolvedConfig, service: ResolvedService): SpecWarning[] {
  return secretLooking(service.environment).map(([name, reason]) => ({
    path: formatPath([...service.path, "environment", name]),
    message:
      `looks like a secret (${reason}) but is a plain value: it is stored in plain text in ${storedIn(config)}; ` +
      `put the value in SSM Parameter Store (SecureString) or Secrets Manager, remove it from ${formatPath([...service.path, "environment"])} and list it under ${secretsEntry(config, service, name)}`,
  }));
}

/**
 * Build argument values are visible to anyone who has the image (`docker history`; Dockerfile
 * reference, ARG), and berth pushes the image to ECR. berth publish passes no build secrets
 * (`docker build --secret`), so a secret the build itself needs has no safe way in yet.
 */
function secretBuildArgs(config: ResolvedConfig, service: ResolvedService): SpecWarning[] {
  return secretLooking(service.image.build?.buildArgs ?? {}).map(([name, reason]) => ({
    path: formatPath([...service.path, "image", "buildArgs", name]),
    message:
      `looks like a secret (${reason}) but is a build argument: Docker shows build argument values to anyone who has the image (docker history), and berth pushes it to ECR; ` +
      `if the app needs the value at run time, put it in SSM Parameter Store (SecureString) or Secrets Manager, remove it from ${formatPath([...service.path, "image", "buildArgs"])} and list it under ${secretsEntry(config, service, name)}; ` +
      "if only the build needs it, fetch what it unlocks into the build context before berth publish (berth passes no Docker build secrets)",
  }));
}
