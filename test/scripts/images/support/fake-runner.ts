import type { CommandOptions, CommandResult, CommandRunner } from "../../../../scripts/command-runner";

export const DIGEST = `sha256:${"a".repeat(64)}`;
export const SHA = "0123456789abcdef0123456789abcdef01234567";

type Answer = Partial<CommandResult> | Error;
/** Answers a command, or returns undefined to fall back to the defaults. */
export type Handler = (argv: readonly string[], options: CommandOptions) => Answer | undefined;

/**
 * A CommandRunner that runs nothing: it records each argv and answers like docker and git would
 * by default (docker succeeds, no buildx, images are linux/amd64, a push prints DIGEST; git is a
 * clean work tree at SHA). `handler` overrides answers.
 */
export function fakeRunner(handler: Handler = () => undefined): CommandRunner & { calls: string[][]; inputs: (string | undefined)[]; options: CommandOptions[] } {
  const calls: string[][] = [];
  const inputs: (string | undefined)[] = [];
  const optionsSeen: CommandOptions[] = [];
  const run: CommandRunner = async (argv, options = {}) => {
    calls.push([...argv]);
    inputs.push(options.input);
    optionsSeen.push(options);
    const answer = handler(argv, options) ?? defaults(argv);
    if (answer instanceof Error) throw answer;
    for (const line of `${answer.stdout ?? ""}\n${answer.stderr ?? ""}`.split("\n")) if (line) options.onLine?.(line);
    return { code: 0, stdout: "", stderr: "", ...answer };
  };
  return Object.assign(run, { calls, inputs, options: optionsSeen });
}

function defaults(argv: readonly string[]): Partial<CommandResult> {
  const args = argv.join(" ");
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
