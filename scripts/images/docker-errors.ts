/**
 * What a failed `docker login` / `docker push` means, read from its final error lines (never its
 * progress lines: "Layer already exists" and "Retrying in N seconds" appear in healthy pushes too).
 */

export type DockerFailureKind = "network" | "rate-limit" | "server" | "auth" | "denied" | "tag-immutable" | "disk" | "manifest-invalid" | "unknown";

export interface DockerFailure {
  readonly kind: DockerFailureKind;
  /** Worth another try: the cause may pass with time (network, throttling, 5xx). */
  readonly transient: boolean;
  /** The error line(s) docker ended with, progress lines left out. */
  readonly cause: string;
  /** What to do next. */
  readonly advice: string;
}

// docker push's per-layer progress, its header and trailer, and docker login's chatter.
const PROGRESS = [
  /^[0-9a-f]{12}: (Preparing|Waiting|Pushing\b.*|Pushed|Layer already exists|Retrying in \d+ seconds?|Mounted from \S+|Skipped foreign layer|Image push failed|Buffering to Disk)$/,
  /^The push refers to (a )?repository \[[^\]]+\]$/,
  /^\S+: digest: sha256:[0-9a-f]{64} size: \d+$/,
  /^(Login Succeeded|WARNING! .*|Configure a credential helper .*|https:\/\/docs\.docker\.com\/\S+)$/,
];

// Each anchored on a whole final line (after "Error response from daemon: " / "ERROR: "); the
// first kind with a matching line wins, so the specific refusals come before the generic codes.
const PATTERNS: readonly (readonly [DockerFailureKind, readonly RegExp[]])[] = [
  // ECR's wording changed from "because the repository is immutable" to "because the tag is immutable".
  ["tag-immutable", [/^tag invalid: The image tag '[^']+' already exists in the '[^']+' repository and cannot be overwritten because the (repository|tag) is immutable\.?$/]],
  ["disk", [/: no space left on device$/]],
  ["manifest-invalid", [/^manifest invalid: /, /\bMANIFEST_INVALID\b/]],
  ["rate-limit", [/^toomanyrequests: /, /\b429 Too Many Requests\.?$/]],
  ["auth", [/^no basic auth credentials$/, /^unauthorized: /, /^authorization failed$/, /\b401 Unauthorized$/]],
  ["denied", [/^denied: /, /\b403 Forbidden$/]],
  ["server", [/\b5\d\d (Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)$/, /^unknown: /]],
  [
    "network",
    [
      /: connect: connection refused$/,
      /: connection reset by peer$/,
      /: i\/o timeout$/,
      /: no such host$/,
      /(^|: )(unexpected )?EOF$/,
      /: broken pipe$/,
      /\(Client\.Timeout exceeded while awaiting headers\)$/,
    ],
  ],
];

const TRANSIENT: ReadonlySet<DockerFailureKind> = new Set(["network", "rate-limit", "server"]);

const ADVICE: Record<DockerFailureKind, string> = {
  network: "The registry could not be reached: check the network, any proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL_ECR, then run again.",
  "rate-limit": "The registry is throttling requests (ECR limits the rate of layer uploads per account and region): wait a minute, then run again.",
  server: "The registry answered with a server error, which usually passes: run again in a few minutes.",
  auth: "The registry did not accept the login: check that your AWS credentials are for the account and region of the repository, then run again (berth logs in afresh each run).",
  denied:
    "The registry refused access: your AWS credentials need ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository.",
  "tag-immutable": "The tag already names another image and the repository's tags are immutable: change the image's inputs, or delete that tag in ECR, then run again.",
  disk: "The disk docker writes to is full: free space (docker system prune) and run again.",
  "manifest-invalid": "The registry rejected the image manifest: check that the registry accepts this image format (docker version, buildx --provenance), then run again.",
  unknown: "Check docker's output above, then run again.",
};

/** At most this many cause lines (the last ones). */
const CAUSE_LINES = 3;

/** Classifies the combined stderr and stdout of a docker command that exited `code` (non-zero). */
export function classifyDockerFailure(output: string, code: number): DockerFailure {
  const lines = output
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const errors = lines.filter((line) => !PROGRESS.some((p) => p.test(line)));
  const kind = code === 0 ? "unknown" : kindOf(errors);
  const cause = (errors.length > 0 ? errors : lines).slice(-CAUSE_LINES).join("\n");
  return { kind, transient: TRANSIENT.has(kind), cause, advice: ADVICE[kind] };
}

function kindOf(errors: readonly string[]): DockerFailureKind {
  const finals = errors.map((line) => line.replace(/^(Error response from daemon: |ERROR: )/, ""));
  for (const [kind, patterns] of PATTERNS) {
    if (finals.some((line) => patterns.some((p) => p.test(line)))) return kind;
  }
  return "unknown";
}
