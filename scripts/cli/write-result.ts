import { isUserError } from "../../stacks/errors";

/**
 * Runs a command body and prints its result on stdout: text, or with --json one JSON document,
 * `{ "ok": true, ... }` or, for a user error, `{ "ok": false, "error": message }` (the message
 * also goes to stderr and the exit code is 1, through runMain).
 */
export async function writeResult(json: boolean, body: () => Promise<{ json: object; text: string }>): Promise<void> {
  try {
    const result = await body();
    process.stdout.write(json ? `${JSON.stringify({ ok: true, ...result.json }, null, 2)}\n` : `${result.text}\n`);
  } catch (error) {
    if (json && isUserError(error)) process.stdout.write(`${JSON.stringify({ ok: false, error: error.message }, null, 2)}\n`);
    throw error;
  }
}
