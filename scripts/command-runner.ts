import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { Interrupted, type StopSignal } from "./interrupt";

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
  /**
   * When aborted, the command is stopped: the signal berth received (an Interrupted reason; else
   * SIGTERM) goes to the command's process group, then SIGKILL after `stopTimeoutMs`; the run
   * rejects with the signal's reason. An already aborted signal starts nothing.
   */
  readonly signal?: AbortSignal;
  /** How long a stopped command may take to exit before it is killed. @default 10000 */
  readonly stopTimeoutMs?: number;
}

export interface CommandResult {
  /** Exit code; a command killed by a signal counts as 128 + the signal number, as shells do. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command given as an argv array (never through a shell) and resolves when it exits,
 * whatever its exit code. Rejects when the command could not be started (the error keeps Node's
 * `code`, e.g. `ENOENT` for a binary that does not exist) or was stopped by `options.signal`.
 */
export type CommandRunner = (argv: readonly string[], options?: CommandOptions) => Promise<CommandResult>;

/** Commands running now, for killRunningCommands, with whether each shares berth's process group. */
const running = new Map<ChildProcess, boolean>();

/**
 * The CommandRunner that spawns real processes. Each non-interactive command gets its own process
 * group (it and what it starts, e.g. a credential helper), so that berth alone receives the
 * terminal's Ctrl-C and decides how its commands stop. An interactive one stays in berth's group:
 * it owns the terminal (prompts) and gets the terminal's Ctrl-C itself.
 */
export const runCommand: CommandRunner = (argv, options = {}) =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (!file) throw new Error("runCommand: empty argv");
    const { signal } = options;
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.interactive ? "inherit" : ["pipe", "pipe", "pipe"],
      detached: !options.interactive,
    });
    const sharesGroup = options.interactive === true;
    running.set(child, sharesGroup);
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

    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      const reason: unknown = signal?.reason;
      const received: StopSignal = reason instanceof Interrupted ? reason.signal : "SIGTERM";
      // The terminal's Ctrl-C already reached an interactive command (same process group); a
      // second SIGINT would make Terraform abandon its work at once.
      if (!(sharesGroup && received === "SIGINT")) signalCommand(child, sharesGroup, received);
      const timeout = options.stopTimeoutMs ?? 10_000;
      if (Number.isFinite(timeout)) killTimer = setTimeout(() => signalCommand(child, sharesGroup, "SIGKILL"), timeout);
    };
    signal?.addEventListener("abort", stop, { once: true });
    const settle = () => {
      running.delete(child);
      signal?.removeEventListener("abort", stop);
      clearTimeout(killTimer);
    };
    child.on("error", (error) => {
      settle();
      reject(error);
    });
    child.on("close", (code, exitSignal) => {
      settle();
      for (const rest of [partial.stdout, partial.stderr]) if (options.onLine && rest.trim() !== "") options.onLine(rest);
      if (signal?.aborted) return reject(signal.reason);
      resolve({ code: code ?? 128 + (exitSignal ? constants.signals[exitSignal] : 0), ...out });
    });
  });

/** SIGKILLs every command still running (and its process group): berth is stopping at once. */
export function killRunningCommands(): void {
  for (const [child, sharesGroup] of running) signalCommand(child, sharesGroup, "SIGKILL");
}

/** Sends `signal` to a command's process group (to the process alone when it shares berth's group). */
function signalCommand(child: ChildProcess, sharesGroup: boolean, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (sharesGroup) child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the command and its group are gone already.
  }
}

/** The last `count` non-empty lines of a command's output, for error messages. */
export function lastLines(text: string, count = 15): string {
  return text
    .split(/\r?\n|\r/)
    .filter((line) => line.trim() !== "")
    .slice(-count)
    .join("\n");
}
