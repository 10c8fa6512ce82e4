import { constants } from "node:os";
import { BerthError } from "../stacks/errors";

/** The signals berth stops on. SIGKILL cannot be caught: the next run reconciles instead. */
export type StopSignal = "SIGINT" | "SIGTERM";
const STOP_SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];

/**
 * berth was asked to stop (Ctrl-C, `kill`, a CI job cancelled). A user error: its message says
 * what was done and what was not; the exit code is 128 + the signal's number, as shells report it.
 */
export class Interrupted extends BerthError {
  override name = "Interrupted";
  constructor(
    readonly signal: StopSignal,
    message = `Stopped by ${signal}.`,
  ) {
    super(message);
  }

  /** 130 for SIGINT, 143 for SIGTERM. */
  get exitCode(): number {
    return 128 + constants.signals[this.signal];
  }
}

/**
 * The same kind of error with more said: an interruption stays an interruption (and keeps its exit
 * code) when a caller adds what it had done.
 */
export function withDetail(error: Error, detail: string): BerthError {
  const message = `${error.message}\n${detail}`;
  return error instanceof Interrupted ? new Interrupted(error.signal, message) : new BerthError(message);
}

/** The process events stopOnSignals listens to, and how it leaves at once (a test passes its own). */
export interface SignalSource {
  once(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
  exit(code: number): never | void;
}

export interface StopOnSignals {
  /** Aborted at the first SIGINT/SIGTERM; its reason is an Interrupted. */
  readonly signal: AbortSignal;
  /** Restores the default handling (the command is over). */
  dispose(): void;
}

/**
 * From now until dispose(), SIGINT and SIGTERM abort `signal` instead of killing berth: the running
 * commands are stopped (runCommand) and the command reports the state it leaves. A second signal
 * means "now": `force` kills what still runs and berth exits at once.
 */
export function stopOnSignals(say: (line: string) => void, force: (signal: StopSignal) => void, source: SignalSource = process): StopOnSignals {
  const controller = new AbortController();
  const listeners = new Map<StopSignal, () => void>();
  const listen = (listener: (signal: StopSignal) => void) => {
    for (const name of STOP_SIGNALS) {
      const once = () => listener(name);
      listeners.set(name, once);
      source.once(name, once);
    }
  };
  const unlisten = () => {
    for (const [name, listener] of listeners) source.off(name, listener);
    listeners.clear();
  };
  listen((first) => {
    unlisten();
    say(`${first} received: stopping the running commands and saying what is left (${first === "SIGINT" ? "Ctrl-C" : "SIGTERM"} again stops at once).`);
    controller.abort(new Interrupted(first));
    listen((second) => {
      unlisten();
      say(`${second} again: killing the running commands and stopping now.`);
      force(second);
      source.exit(new Interrupted(second).exitCode);
    });
  });
  return { signal: controller.signal, dispose: unlisten };
}

/** `ms` later; rejects with the signal's reason as soon as `signal` is aborted. */
export function interruptibleSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
