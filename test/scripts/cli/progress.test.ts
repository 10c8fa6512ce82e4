import { streamProgress } from "../../../scripts/cli/progress";

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 40, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
}

describe("streamProgress", () => {
  it("prints every status as its own line when not interactive (CI, pipes)", () => {
    const s = stream(false);
    const progress = streamProgress({ stream: s.stream, interactive: false });
    progress.status("web build", "Step 1/2 : FROM scratch");
    progress.line("web: built");
    expect(s.chunks.join("")).toBe("  web build | Step 1/2 : FROM scratch\nweb: built\n");
  });

  it("rewrites one status line with the step's elapsed time in a terminal", () => {
    const s = stream(true);
    let now = 0;
    const progress = streamProgress({ stream: s.stream, interactive: true, now: () => now });
    progress.status("web push", "Preparing");
    now = 3000;
    progress.status("web push", "Pushed");
    progress.line("web: pushed");
    expect(s.chunks).toEqual(["\r\x1b[2K  web push 0s | Preparing", "\r\x1b[2K  web push 3s | Pushed", "\r\x1b[2K", "web: pushed\n"]);
  });

  it("cuts a status line to the terminal's width", () => {
    const s = stream(true);
    streamProgress({ stream: s.stream, interactive: true, now: () => 0 }).status("web build", "x".repeat(100));
    expect(s.chunks[0]!.length - "\r\x1b[2K".length).toBe(39);
  });

  it("is not interactive when CI is set, even in a terminal", () => {
    const s = stream(true);
    const saved = process.env.CI;
    process.env.CI = "true";
    try {
      streamProgress({ stream: s.stream }).status("web build", "Step 1/2");
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
    expect(s.chunks).toEqual(["  web build | Step 1/2\n"]);
  });
});
