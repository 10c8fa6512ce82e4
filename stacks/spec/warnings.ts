import type { ResolvedConfig, Target } from "./presets";
import { formatPath } from "./validate";

/**
 * Something in a valid spec that is most likely a mistake, but that berth cannot be sure of, so
 * refusing would be wrong: the synth summary prints it, and strict mode (--strict, BERTH_STRICT=1,
 * CI=true with stage prod) turns it into an error. See docs/spec.md, "Warnings".
 */
export interface SpecWarning {
  /** The spec field, as validation errors name it (formatPath), e.g. `environment.DB_PASSWORD`. */
  readonly path: string;
  readonly message: string;
}

/** Every warning of a resolved spec, rule by rule, in spec order within each rule. */
export function specWarnings(config: ResolvedConfig): SpecWarning[] {
  return [...secretEnvironment(config), ...secretSidecarEnvironment(config), ...secretBuildArgs(config), ...rootUser(config)];
}

/** Last words of a variable name that say it holds a secret; the bare word alone too, except KEY (a cache or sort key). */
const SECRET_WORDS = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY"] as const;
/** Keys that are public by design (a JWT verification key, Stripe's publishable key): no secret. */
const PUBLIC_KEYS = ["PUBLIC_KEY", "PUBLISHABLE_KEY"] as const;

/**
 * Why `name` looks like a secret's name ("its name ends in _TOKEN"), or undefined. Only the last
 * word counts: PASSWORD_MIN_LENGTH, TOKEN_TTL or SECRET_ARN describe a setting, and *_KEY_ID
 * (KMS_KEY_ID) names a key without holding it; AWS_ACCESS_KEY_ID is the exception, being half of
 * a long-term credential. Docker's own SecretsUsedInArgOrEnv check matches a word anywhere in the
 * name, which would make PASSWORD_MIN_LENGTH a warning that strict mode turns into an error.
 */
export function secretNameReason(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (upper === "AWS_ACCESS_KEY_ID") return "its name is AWS_ACCESS_KEY_ID, half of an AWS access key";
  if (PUBLIC_KEYS.some((key) => upper === key || upper.endsWith(`_${key}`))) return undefined;
  if (SECRET_WORDS.some((word) => word !== "KEY" && upper === word)) return `its name is ${name}`;
  const word = SECRET_WORDS.find((w) => upper.endsWith(`_${w}`));
  return word === undefined ? undefined : `its name ends in ${name.slice(-(word.length + 1))}`;
}

/** The named entries of `record` whose name looks like a secret and whose value is not empty (an empty value holds nothing). */
function secretLooking(record: Readonly<Record<string, string>>): [name: string, reason: string][] {
  return Object.entries(record).flatMap(([name, value]) => {
    const reason = value === "" ? undefined : secretNameReason(name);
    return reason === undefined ? [] : [[name, reason]];
  });
}

/** Where a plain environment value ends up, per target, besides the Terraform state. */
const PLAIN_VALUE_STORES: Record<Target, string> = { fargate: "the ECS task definition", ec2: "the EC2 host's compose file" };

function storedIn(targets: readonly Target[]): string {
  const stores = (["fargate", "ec2"] as const).filter((t) => targets.includes(t)).map((t) => PLAIN_VALUE_STORES[t]);
  return `${stores.join(", ")} and the Terraform state`;
}

/** How to list `name` under `secrets`, with the app's region filled in. */
function secretsEntry(config: ResolvedConfig, name: string): string {
  return `secrets: { ${name}: "arn:aws:ssm:${config.region}:<account>:parameter/<name>" }`;
}

/**
 * A secret given as a plain environment value is readable by anyone who can read the task
 * definition, the host's compose file or the state; `secrets` keeps only a reference there.
 */
function secretEnvironment(config: ResolvedConfig): SpecWarning[] {
  return secretLooking(config.environment).map(([name, reason]) => ({
    path: formatPath(["environment", name]),
    message:
      `looks like a secret (${reason}) but is a plain value: it is stored in plain text in ${storedIn(config.targets)}; ` +
      `put the value in SSM Parameter Store (SecureString) or Secrets Manager, remove it from environment and list it under ${secretsEntry(config, name)}`,
  }));
}

/**
 * The same for a sidecar, which lives in the task definition too; berth passes `secrets` to the app
 * container only, so the way out is the task role, which every container of the task shares.
 */
function secretSidecarEnvironment(config: ResolvedConfig): SpecWarning[] {
  if (!config.targets.includes("fargate")) return [];
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

/**
 * Build argument values are visible to anyone who has the image (`docker history`; Dockerfile
 * reference, ARG), and berth pushes the image to ECR. berth publish passes no build secrets
 * (`docker build --secret`), so a secret the build itself needs has no safe way in yet.
 */
function secretBuildArgs(config: ResolvedConfig): SpecWarning[] {
  return secretLooking(config.image.build?.buildArgs ?? {}).map(([name, reason]) => ({
    path: formatPath(["image", "buildArgs", name]),
    message:
      `looks like a secret (${reason}) but is a build argument: Docker shows build argument values to anyone who has the image (docker history), and berth pushes it to ECR; ` +
      `if the app needs the value at run time, put it in SSM Parameter Store (SecureString) or Secrets Manager, remove it from image.buildArgs and list it under ${secretsEntry(config, name)}; ` +
      "if only the build needs it, fetch what it unlocks into the build context before berth publish (berth passes no Docker build secrets)",
  }));
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
  if (!config.targets.includes("fargate") || user === undefined || !isRootUser(user)) return [];
  return [
    {
      path: formatPath(["fargate", "user"]),
      message: `runs the app container as root: a bug in the app then gives root over the container and its volumes' files; set a non-root user such as "1000:1000" (the app's files and volumes[].uid/gid must allow it), or leave fargate.user out and set USER in the Dockerfile (got ${JSON.stringify(user)})`,
    },
  ];
}
