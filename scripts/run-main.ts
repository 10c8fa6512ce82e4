import { BerthError } from "../constructs/errors";

/**
 * Runs a command's body. A BerthError (bad spec, flag, environment, missing tool) prints its
 * message alone and exits 1; anything else is a bug in berth and keeps its stack trace.
 */
export async function runMain(body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof BerthError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
