import { killRunningCommands, runCommand, type CommandRunner } from "../command-runner";
import { interruptibleSleep, stopOnSignals } from "../interrupt";

/** What a command body that starts other commands uses, all stopped by SIGINT/SIGTERM. */
export interface StoppableTools {
  /** runCommand, stopping the command when berth is asked to stop. */
  readonly run: CommandRunner;
  /** A wait that ends (rejects) when berth is asked to stop. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Aborted when berth is asked to stop; its reason is an Interrupted. */
  readonly signal: AbortSignal;
}

/**
 * Runs a command body (publish, deploy) so that SIGINT/SIGTERM stop its running commands and make
 * it fail with an Interrupted that says what it left; a second signal kills them and exits at once.
 */
export async function stoppable<T>(say: (line: string) => void, body: (tools: StoppableTools) => Promise<T>): Promise<T> {
  const stop = stopOnSignals(say, killRunningCommands);
  const { signal } = stop;
  try {
    return await body({
      run: (argv, options) => runCommand(argv, { ...options, signal }),
      sleep: (ms) => interruptibleSleep(ms, signal),
      signal,
    });
  } finally {
    stop.dispose();
  }
}
