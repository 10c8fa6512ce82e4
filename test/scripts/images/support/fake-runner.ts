import type { CommandOptions, CommandResult, CommandRunner } from "../../../../scripts/command-runner";

export const DIGEST = `sha256:${"a".repeat(64)}`;
export const SHA = "0123456789abcdef0123456789abcdef01234567";

type Answer = Partial<CommandResult> | Error;
/** Answers a command, or returns undefined to fall back to the defaults. */
export type Handler = (argv: readonly string[], options: CommandOptions) => Answer | undefined;

/**
 * A CommandRunner that runs nothing: it records each argv and answers like docker and git would
 * by default (docker succeeds on a linux/amd64 daemon without buildx, images are linux/amd64, a
 * push prints DIGEST; git is a clean work tree at SHA). Like a real engine it holds only the
 * images a build or tag made: inspecting, tagging or pushing another fails as docker does, and
 * a login without a password on stdin is refused. `handler` overrides answers. An argv that
 * is not a command berth runs (an unknown subcommand or build flag) is refused with an error, so a
 * test cannot pass on a command line the real docker would reject or misread.
 */
export function fakeRunner(handler: Handler = () => undefined): CommandRunner & { calls: string[][]; inputs: (string | undefined)[]; options: CommandOptions[] } {
  const calls: string[][] = [];
  const inputs: (string | undefined)[] = [];
  const optionsSeen: CommandOptions[] = [];
  // Image references the fake engine holds: made by a build's --tag or by tag, as in a real engine.
  const images = new Set<string>();
  const run: CommandRunner = async (argv, options = {}) => {
    calls.push([...argv]);
    inputs.push(options.input);
    optionsSeen.push(options);
    const problem = unrecognised(argv);
    if (problem) throw new Error(`fake runner: ${problem}: ${argv.join(" ")}`);
    const answer = handler(argv, options) ?? refusal(argv, options, images) ?? defaults(argv);
    if (!(answer instanceof Error) && (answer.code ?? 0) === 0) remember(argv, images);
    if (answer instanceof Error) throw answer;
    for (const line of `${answer.stdout ?? ""}\n${answer.stderr ?? ""}`.split("\n")) if (line) options.onLine?.(line);
    return { code: 0, stdout: "", stderr: "", ...answer };
  };
  return Object.assign(run, { calls, inputs, options: optionsSeen });
}

/** The build's --tag or tag's target, once the command succeeded. */
function remember(argv: readonly string[], images: Set<string>): void {
  const tagAt = argv.indexOf("--tag");
  if (argv.includes("build") && tagAt > 0) images.add(argv[tagAt + 1]!);
  if (argv[1] === "tag") images.add(argv[3]!);
}

/** What docker (20.10, observed) answers for an image it does not hold, or a login without a password. */
function refusal(argv: readonly string[], options: CommandOptions, images: Set<string>): Partial<CommandResult> | undefined {
  if (argv[0]?.split("/").pop() !== "docker") return undefined;
  const ref = argv[1] === "push" ? argv[2]! : argv[1] === "tag" ? argv[2]! : argv[1] === "image" ? argv[5]! : undefined;
  if (ref !== undefined && !images.has(ref)) {
    if (argv[1] === "push") return { code: 1, stdout: `The push refers to repository [${ref.replace(/:[^:/]+$/, "")}]\n`, stderr: `An image does not exist locally with the tag: ${ref.replace(/:[^:/]+$/, "")}\n` };
    return { code: 1, stderr: `Error response from daemon: No such image: ${ref}\n` };
  }
  if (argv[1] === "login" && !options.input) return { code: 1, stderr: "Error: Cannot perform an interactive login from a non TTY device\n" };
  return undefined;
}

function defaults(argv: readonly string[]): Partial<CommandResult> {
  const args = argv.join(" ");
  // docker 28's CLI without the compose plugin, observed: "unknown flag: --short", exit 125.
  if (args.endsWith("compose version --short")) return argv[0] === "docker-compose" ? { stdout: "1.29.2\n" } : { code: 125, stderr: "unknown flag: --short\n" };
  if (argv[1] === "version") return { stdout: "20.10.24 linux/amd64\n" };
  if (args.endsWith("buildx version")) return { code: 1, stderr: "docker: unknown command: docker buildx" };
  if (args.includes(" image inspect ")) return { stdout: "linux/amd64\n" };
  if (argv[1] === "push") return { stdout: `The push refers to repository [x]\n${argv[2]!.split(":").pop()}: digest: ${DIGEST} size: 524\n` };
  if (argv[0] === "git" && args.includes("rev-parse")) return { stdout: `${SHA}\n` };
  return {};
}

/** The calls whose binary is `binary`, without it. */
export function callsOf(run: { calls: string[][] }, binary = "docker"): string[][] {
  return run.calls.filter((argv) => argv[0] === binary).map((argv) => argv.slice(1));
}

/** An ENOENT error as spawn reports a missing binary. */
export function notFound(binary: string): Error {
  return Object.assign(new Error(`spawn ${binary} ENOENT`), { code: "ENOENT" });
}

/** Flags of `docker build` / `docker buildx build` that berth passes, with whether each takes a value. */
const BUILD_FLAGS: Readonly<Record<string, boolean>> = {
  "--platform": true, "--file": true, "--tag": true, "--build-arg": true, "--target": true, "--cache-from": true, "--no-cache": false,
};
const BUILDX_FLAGS: Readonly<Record<string, boolean>> = { ...BUILD_FLAGS, "--load": false, "--provenance=false": false, "--cache-to": true };

/** Why argv is not a command berth runs, or undefined when it is. */
function unrecognised(argv: readonly string[]): string | undefined {
  const binary = argv[0]?.split("/").pop();
  const [sub, ...rest] = argv.slice(1);
  if (binary === "git") return argv[1] === "-C" && ["rev-parse", "status"].includes(argv[3]!) ? undefined : "unknown git command";
  if (binary === "cdktf") return sub === "deploy" ? undefined : "unknown cdktf command";
  if (binary === "docker-compose") return composeProblem(argv.slice(1));
  if (binary !== "docker") return "unknown binary";
  if (sub === "compose") return composeProblem(rest);
  const shape = `${sub} ${rest.length}`;
  if (shape === "version 2" && rest[0] === "--format") return undefined;
  if (sub === "buildx" && rest[0] === "version" && rest.length === 1) return undefined;
  if (shape === "login 4" && rest[0] === "--username" && rest[2] === "--password-stdin") return undefined;
  if (shape === "image 4" && rest[0] === "inspect" && rest[1] === "--format") return undefined;
  if (shape === "tag 2" || shape === "push 1") return undefined;
  if (sub === "build") return buildProblem(rest, BUILD_FLAGS);
  if (sub === "buildx" && rest[0] === "build") return buildProblem(rest.slice(1), BUILDX_FLAGS);
  return "unknown docker command";
}

/** Known flags with their values, then exactly one context directory. */
function buildProblem(args: readonly string[], flags: Readonly<Record<string, boolean>>): string | undefined {
  let i = 0;
  while (i < args.length - 1) {
    const takesValue = flags[args[i]!];
    if (takesValue === undefined) return `unknown build flag ${args[i]}`;
    i += takesValue ? 2 : 1;
  }
  return i === args.length - 1 && !args[i]!.startsWith("-") ? undefined : "no build context last";
}

/** The compose commands berth runs (`berth up`, `berth down`), after `docker compose` or `docker-compose`. */
function composeProblem(args: readonly string[]): string | undefined {
  if (args.join(" ") === "version --short") return undefined;
  if (args[0] !== "--project-name" || args[2] !== "--file" || args.length < 5) return "unknown compose command";
  const command = args.slice(4).join(" ");
  return ["up --detach --remove-orphans", "down", "down --volumes"].includes(command) ? undefined : "unknown compose command";
}
