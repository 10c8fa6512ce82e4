import { isUserError } from "../../stacks/errors";
import { Interrupted } from "../interrupt";

/**
 * Runs a command's body. A user error (BerthError: bad spec, flag, environment, missing tool;
 * ValidationError: invalid construct props) prints its message alone and exits 1 (130 or 143 when
 * berth was stopped by SIGINT or SIGTERM); anything else is a bug in berth and keeps its stack trace.
 */
export async function runMain(body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof Interrupted ? error.exitCode : 1;
      return;
    }
    throw error;
  }
}
