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
export function secretLooking(record: Readonly<Record<string, string>>): [name: string, reason: string][] {
  return Object.entries(record).flatMap(([name, value]) => {
    const reason = value === "" ? undefined : secretNameReason(name);
    return reason === undefined ? [] : [[name, reason]];
  });
}
