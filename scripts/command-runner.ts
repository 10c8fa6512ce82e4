import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface CommandOptions {
  /** Written to the command's standard input, which is then closed (e.g. a password for `--password-stdin`). */
  readonly input?: string;
  readonly cwd?: string;
  /** The full environment of the command. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each line the command prints (stdout and stderr), as it prints it. */
  readonly onLine?: (line: string) => void;
  /** Give the command this terminal (stdin, stdout, stderr) instead of capturing its output, for prompts. */
  readonly interactive?: boolean;
}

export interface CommandResult {
  /** Exit code; a command killed by a signal counts as 128 + the signal number, as shells do. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command given as an argv array (never through a shell) and resolves when it exits,
 * whatever its exit code. Rejects only when the command could not be started; the error keeps
 * Node's `code` (e.g. `ENOENT` for a binary that does not exist).
 */
export type CommandRunner = (argv: readonly string[], options?: CommandOptions) => Promise<CommandResult>;

/** The CommandRunner that spawns real processes. */
export const runCommand: CommandRunner = (argv, options = {}) =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (!file) throw new Error("runCommand: empty argv");
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.interactive ? "inherit" : ["pipe", "pipe", "pipe"],
    });
    const out = { stdout: "", stderr: "" };
    const partial = { stdout: "", stderr: "" };
    const collect = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      out[stream] += text;
      if (!options.onLine) return;
      const lines = (partial[stream] + text).split(/\r?\n|\r/);
      partial[stream] = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") options.onLine(line);
    };
    child.stdout?.on("data", collect("stdout"));
    child.stderr?.on("data", collect("stderr"));
    // A command that exits without reading its input closes the pipe: that is not our failure.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.input ?? "");
    child.on("error", reject);
    child.on("close", (code, signal) => {
      for (const rest of [partial.stdout, partial.stderr]) if (options.onLine && rest.trim() !== "") options.onLine(rest);
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), ...out });
    });
  });

/** The last `count` non-empty lines of a command's output, for error messages. */
export function lastLines(text: string, count = 15): string {
  return text
    .split(/\r?\n|\r/)
    .filter((line) => line.trim() !== "")
    .slice(-count)
    .join("\n");
}
