import { lastLines, runCommand } from "../../scripts/command-runner";
import { rejectionOf } from "./images/support/fixtures";

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

describe("lastLines", () => {
  it("keeps the last non-empty lines", () => {
    expect(lastLines("a\n\nb\nc\n", 2)).toBe("b\nc");
  });
});
