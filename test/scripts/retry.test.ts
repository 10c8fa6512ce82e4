import { withRetries } from "../../scripts/retry";
import { rejectionOf } from "./images/support/fixtures";

function flaky(failures: number, error = new Error("flaky")) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    run: async () => {
      calls++;
      if (calls <= failures) throw error;
      return "done";
    },
  };
}

describe("withRetries", () => {
  const policy = { attempts: 4, baseDelayMs: 100 };

  it("waits twice as long before each further try", async () => {
    const sleeps: number[] = [];
    await withRetries(policy, flaky(3).run, { isRetryable: () => true, onRetry: () => undefined, sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it("returns the first success", async () => {
    expect(await withRetries(policy, flaky(1).run, { isRetryable: () => true, onRetry: () => undefined, sleep: async () => undefined })).toBe("done");
  });

  it("gives up after the policy's tries with the last error", async () => {
    const op = flaky(10);
    const message = await rejectionOf(withRetries(policy, op.run, { isRetryable: () => true, onRetry: () => undefined, sleep: async () => undefined }));
    expect([message, op.calls]).toEqual(["flaky", 4]);
  });

  it("does not retry an error that is not retryable", async () => {
    const op = flaky(10);
    await rejectionOf(withRetries(policy, op.run, { isRetryable: () => false, onRetry: () => undefined, sleep: async () => undefined }));
    expect(op.calls).toBe(1);
  });

  it("reports each retry with its try number and wait", async () => {
    const retries: [number, number][] = [];
    await withRetries(policy, flaky(2).run, { isRetryable: () => true, onRetry: (_e, attempt, delay) => retries.push([attempt, delay]), sleep: async () => undefined });
    expect(retries).toEqual([[1, 100], [2, 200]]);
  });
});
