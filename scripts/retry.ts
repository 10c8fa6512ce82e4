/** How often to try a network step (registry login, push) and how long to wait between tries. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before the second try; it doubles before each further one. */
  readonly baseDelayMs: number;
}

/** Login and push: 3 tries, 2 s then 4 s apart (docker already retries each layer upload itself). */
export const REGISTRY_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 2000 };

export interface RetryHooks {
  /** Whether a failure may pass with time (network, throttling), as opposed to a refusal. */
  readonly isRetryable: (error: unknown) => boolean;
  readonly onRetry: (error: unknown, attempt: number, delayMs: number) => void;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Runs `operation` until it succeeds, fails for good, or the policy's tries are used up; rethrows the last error. */
export async function withRetries<T>(policy: RetryPolicy, operation: (attempt: number) => Promise<T>, hooks: RetryHooks): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !hooks.isRetryable(error)) throw error;
      const delayMs = policy.baseDelayMs * 2 ** (attempt - 1);
      hooks.onRetry(error, attempt, delayMs);
      await hooks.sleep(delayMs);
    }
  }
}

/** setTimeout as a promise. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
