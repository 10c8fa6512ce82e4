/**
 * Progress of long commands (publish, deploy), on stderr so that stdout carries only the result
 * (text or `--json`). In a terminal a long step rewrites one status line; when stderr is not a
 * terminal, or in CI, every line is printed as it comes (logs keep the whole build output).
 */
export interface Progress {
  /** A line that stays, e.g. "web: pushed …". */
  line(text: string): void;
  /** The latest news of a running step, e.g. a docker build line; `step` prefixes it. */
  status(step: string, detail: string): void;
}

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  /** Rewrite a status line in place. @default stream is a terminal and CI is not set */
  readonly interactive?: boolean;
  readonly now?: () => number;
}

/** Progress on a stream (stderr by default). */
export function streamProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? (stream.isTTY === true && !process.env.CI);
  const now = options.now ?? Date.now;
  const startedAt = new Map<string, number>();
  let statusShown = false;

  const clearStatus = () => {
    if (statusShown) stream.write("\r\x1b[2K");
    statusShown = false;
  };
  return {
    line(text) {
      clearStatus();
      stream.write(`${text}\n`);
    },
    status(step, detail) {
      if (!interactive) {
        stream.write(`  ${step} | ${detail}\n`);
        return;
      }
      const since = startedAt.get(step) ?? now();
      startedAt.set(step, since);
      const text = `  ${step} ${Math.round((now() - since) / 1000)}s | ${detail.trim()}`;
      // One terminal row: a wrapped status line could not be rewritten in place.
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      statusShown = true;
    },
  };
}
