import { isUserError } from "../../stacks/errors";

/**
 * Runs a command's body. A user error (BerthError: bad spec, flag, environment, missing tool;
 * ValidationError: invalid construct props) prints its message alone and exits 1; anything else
 * is a bug in berth and keeps its stack trace.
 */
export async function runMain(body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
