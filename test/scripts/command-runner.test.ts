import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { killRunningCommands, lastLines, runCommand } from "../../scripts/command-runner";
import { Interrupted } from "../../scripts/interrupt";
import { rejectionOf } from "./images/support/fixtures";
import { isAlive, processGroupOf } from "./processes";
import { tempDir } from "./run";

const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
};

/** Polls until `ready` or `ms` have passed, whichever comes first; the caller asserts afterwards. */
const untilOrTimeout = async (ready: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ready() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

/** Runs `script` in sh; resolves with the first line it prints (e.g. a pid), and the run's promise. */
function started(script: string, options: Parameters<typeof runCommand>[1] = {}) {
  let first: (line: string) => void;
  const line = new Promise<string>((resolve) => (first = resolve));
  const run = runCommand(["sh", "-c", script], { ...options, onLine: (l) => first(l) });
  run.catch(() => undefined);
  return { line, run };
}

describe("runCommand", () => {
  it("passes arguments as they are, never through a shell", async () => {
    const result = await runCommand(["printf", "%s", "$(echo injected); rm -rf /"]);
    expect(result.stdout).toBe("$(echo injected); rm -rf /");
  });

  it("writes the input to the command's stdin", async () => {
    expect((await runCommand(["cat"], { input: "secret" })).stdout).toBe("secret");
  });

  it("hands each output line to onLine as it comes, stdout and stderr", async () => {
    const lines: string[] = [];
    await runCommand(["sh", "-c", "echo one; echo two >&2; printf three"], { onLine: (l) => lines.push(l) });
    expect(lines.sort()).toEqual(["one", "three", "two"]);
  });

  it("resolves with the exit code of a failing command", async () => {
    expect((await runCommand(["sh", "-c", "exit 3"])).code).toBe(3);
  });

  it("rejects with ENOENT when the binary does not exist", async () => {
    const error = await runCommand(["/nonexistent/binary"]).catch((e: NodeJS.ErrnoException) => e);
    expect((error as NodeJS.ErrnoException).code).toBe("ENOENT");
  });

  it("rejects an empty argv", async () => {
    expect(await rejectionOf(runCommand([]))).toBe("runCommand: empty argv");
  });
});

describe("runCommand stopped by an AbortSignal", () => {
  it("runs a command in a process group of its own, led by the command", async () => {
    const { stdout } = await runCommand(["sh", "-c", "echo $$; cut -d' ' -f5 /proc/$$/stat"]);
    const [pid, group] = stdout.trim().split("\n");
    expect([group, group === String(processGroupOf(process.pid))]).toEqual([pid, false]);
  });

  it("runs an interactive command in berth's own process group (it owns the terminal)", async () => {
    const file = join(tempDir(), "group");
    await runCommand(["sh", "-c", `cut -d' ' -f5 /proc/$$/stat > ${file}`], { interactive: true });
    expect(Number(readFileSync(file, "utf8"))).toBe(processGroupOf(process.pid));
  });

  it("rejects with the abort's reason once the stopped command has exited", async () => {
    const controller = new AbortController();
    const { line, run } = started("echo ready; sleep 30", { signal: controller.signal });
    await line;
    const reason = new Interrupted("SIGTERM");
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
  });

  it("stops the command's whole process group, not the command alone", async () => {
    const controller = new AbortController();
    // No SIGKILL escalation, and a grandchild that would outlive the test's timeout unless signalled.
    const { line, run } = started("sleep 300 & echo $!; wait", { signal: controller.signal, stopTimeoutMs: Number.POSITIVE_INFINITY });
    const grandchild = Number(await line);
    // SIGTERM: a non-interactive shell starts `&` commands with SIGINT ignored (POSIX, Shell Command Language 2.11).
    controller.abort(new Interrupted("SIGTERM"));
    await run.catch(() => undefined);
    // The run settles when the shell exits; the grandchild got the same signal but may not have run yet.
    await untilOrTimeout(() => !isAlive(grandchild), 10_000);
    expect(isAlive(grandchild)).toBe(false);
  });

  it("sends the signal berth received: SIGINT reaches the command as SIGINT", async () => {
    const controller = new AbortController();
    const file = join(tempDir(), "got");
    const { line, run } = started(`trap 'echo INT > ${file}; exit 0' INT; echo ready; while :; do sleep 0.05; done`, { signal: controller.signal });
    await line;
    controller.abort(new Interrupted("SIGINT"));
    await run.catch(() => undefined);
    expect(readFileSync(file, "utf8")).toBe("INT\n");
  });

  it("sends SIGTERM when the abort's reason is not an Interrupted", async () => {
    const controller = new AbortController();
    const file = join(tempDir(), "got");
    const { line, run } = started(`trap 'echo TERM > ${file}; exit 0' TERM; echo ready; while :; do sleep 0.05; done`, { signal: controller.signal });
    await line;
    controller.abort(new Error("cancelled"));
    await run.catch(() => undefined);
    expect(readFileSync(file, "utf8")).toBe("TERM\n");
  });

  it("kills a command that ignores the signal with SIGKILL after stopTimeoutMs", async () => {
    const controller = new AbortController();
    // Signals ignored by the shell stay ignored in the commands it starts (POSIX exec).
    const { line, run } = started("trap '' INT TERM; echo $$; sleep 30", { signal: controller.signal, stopTimeoutMs: 200 });
    const pid = Number(await line);
    controller.abort(new Interrupted("SIGTERM"));
    await run.catch(() => undefined);
    expect(isAlive(pid)).toBe(false);
  });

  it("does not signal an interactive command on SIGINT: the terminal's Ctrl-C reached it already", async () => {
    const controller = new AbortController();
    const dir = tempDir();
    const run = runCommand(["sh", "-c", `trap 'echo INT > ${dir}/got' INT; touch ${dir}/ready; sleep 1`], { interactive: true, signal: controller.signal });
    run.catch(() => undefined);
    await until(() => existsSync(join(dir, "ready")));
    controller.abort(new Interrupted("SIGINT"));
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(existsSync(join(dir, "got"))).toBe(false);
  });

  it("passes SIGTERM on to an interactive command", async () => {
    const controller = new AbortController();
    const dir = tempDir();
    const run = runCommand(["sh", "-c", `trap 'echo TERM > ${dir}/got; exit 0' TERM; touch ${dir}/ready; while :; do sleep 0.05; done`], { interactive: true, signal: controller.signal });
    run.catch(() => undefined);
    await until(() => existsSync(join(dir, "ready")));
    controller.abort(new Interrupted("SIGTERM"));
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(readFileSync(join(dir, "got"), "utf8")).toBe("TERM\n");
  });

  it("starts nothing when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Interrupted("SIGINT"));
    const file = join(tempDir(), "ran");
    await expect(runCommand(["touch", file], { signal: controller.signal })).rejects.toBeInstanceOf(Interrupted);
    expect(existsSync(file)).toBe(false);
  });

  it("killRunningCommands SIGKILLs a running command even when it ignores SIGINT and SIGTERM: exit 137 (128 + 9)", async () => {
    const { line, run } = started("trap '' INT TERM; echo ready; sleep 30");
    await line;
    killRunningCommands();
    expect((await run).code).toBe(137);
  });
});

describe("lastLines", () => {
  it("keeps the last non-empty lines", () => {
    expect(lastLines("a\n\nb\nc\n", 2)).toBe("b\nc");
  });
});
