import { EventEmitter } from "node:events";
import { BerthError } from "../../stacks/errors";
import { Interrupted, interruptibleSleep, stopOnSignals, withDetail, type SignalSource, type StopSignal } from "../../scripts/interrupt";

// A process stopped by signal n exits with status 128 + n (Bash manual, "Exit Status"); SIGINT is 2, SIGTERM 15 (signal(7)).
const EXIT_SIGINT = 130;
const EXIT_SIGTERM = 143;

/** A process's signal events, without signalling the test's own process. */
function fakeProcess() {
  const events = new EventEmitter();
  const exits: number[] = [];
  const source: SignalSource = {
    once: (signal, listener) => events.once(signal, listener),
    off: (signal, listener) => events.off(signal, listener),
    exit: (code) => void exits.push(code),
  };
  return { source, exits, send: (signal: StopSignal) => events.emit(signal), listeners: () => events.listenerCount("SIGINT") + events.listenerCount("SIGTERM") };
}

describe("stopOnSignals", () => {
  it("aborts its signal at the first SIGINT, with an Interrupted for SIGINT as the reason", () => {
    const proc = fakeProcess();
    const stop = stopOnSignals(() => undefined, () => undefined, proc.source);
    proc.send("SIGINT");
    expect([stop.signal.aborted, stop.signal.reason instanceof Interrupted, (stop.signal.reason as Interrupted).signal]).toEqual([true, true, "SIGINT"]);
  });

  it("says at the first signal that it is stopping and that a second Ctrl-C stops at once", () => {
    const proc = fakeProcess();
    const said: string[] = [];
    stopOnSignals((line) => said.push(line), () => undefined, proc.source);
    proc.send("SIGINT");
    expect(said).toEqual(["SIGINT received: stopping the running commands and saying what is left (Ctrl-C again stops at once)."]);
  });

  it("names SIGTERM in its message when SIGTERM came first", () => {
    const proc = fakeProcess();
    const said: string[] = [];
    stopOnSignals((line) => said.push(line), () => undefined, proc.source);
    proc.send("SIGTERM");
    expect(said).toEqual(["SIGTERM received: stopping the running commands and saying what is left (SIGTERM again stops at once)."]);
  });

  it("does not exit at the first signal: the command reports first", () => {
    const proc = fakeProcess();
    stopOnSignals(() => undefined, () => undefined, proc.source);
    proc.send("SIGTERM");
    expect(proc.exits).toEqual([]);
  });

  it("at a second signal forces the stop and exits 130 for SIGINT", () => {
    const proc = fakeProcess();
    const forced: StopSignal[] = [];
    stopOnSignals(() => undefined, (signal) => forced.push(signal), proc.source);
    proc.send("SIGTERM");
    proc.send("SIGINT");
    expect([forced, proc.exits]).toEqual([["SIGINT"], [EXIT_SIGINT]]);
  });

  it("at a second SIGTERM exits 143", () => {
    const proc = fakeProcess();
    stopOnSignals(() => undefined, () => undefined, proc.source);
    proc.send("SIGINT");
    proc.send("SIGTERM");
    expect(proc.exits).toEqual([EXIT_SIGTERM]);
  });

  it("leaves SIGINT and SIGTERM to their default handling after dispose", () => {
    const proc = fakeProcess();
    const stop = stopOnSignals(() => undefined, () => undefined, proc.source);
    stop.dispose();
    proc.send("SIGINT");
    expect([proc.listeners(), stop.signal.aborted]).toEqual([0, false]);
  });
});

describe("Interrupted", () => {
  it("exits 130 for SIGINT", () => {
    expect(new Interrupted("SIGINT").exitCode).toBe(EXIT_SIGINT);
  });

  it("exits 143 for SIGTERM", () => {
    expect(new Interrupted("SIGTERM").exitCode).toBe(EXIT_SIGTERM);
  });

  it("says by default which signal stopped berth", () => {
    expect(new Interrupted("SIGTERM").message).toBe("Stopped by SIGTERM.");
  });

  it("is a user error (printed without a stack trace)", () => {
    expect(new Interrupted("SIGINT")).toBeInstanceOf(BerthError);
  });
});

describe("withDetail", () => {
  it("keeps an interruption an interruption, with its signal, adding the detail on a new line", () => {
    const amended = withDetail(new Interrupted("SIGTERM", "Stopped."), "Done before: x.");
    expect([amended instanceof Interrupted, (amended as Interrupted).signal, amended.message]).toEqual([true, "SIGTERM", "Stopped.\nDone before: x."]);
  });

  it("makes any other error a BerthError with the detail added", () => {
    const amended = withDetail(new BerthError("Failed."), "Done before: x.");
    expect([amended instanceof Interrupted, amended instanceof BerthError, amended.message]).toEqual([false, true, "Failed.\nDone before: x."]);
  });
});

describe("interruptibleSleep", () => {
  it("resolves after the time when nothing aborts it", async () => {
    await expect(interruptibleSleep(5, new AbortController().signal)).resolves.toBeUndefined();
  });

  it("rejects with the abort's reason as soon as the signal is aborted", async () => {
    const controller = new AbortController();
    const sleeping = interruptibleSleep(60_000, controller.signal);
    const reason = new Interrupted("SIGINT");
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });

  it("rejects at once when the signal is aborted already", async () => {
    const controller = new AbortController();
    controller.abort(new Interrupted("SIGTERM"));
    await expect(interruptibleSleep(60_000, controller.signal)).rejects.toBeInstanceOf(Interrupted);
  });
});
