import { chmodSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contextEntries } from "../../../scripts/images/build-context";
import { contentHash, type BuildInputs } from "../../../scripts/images/content-hash";
import { tempDir } from "../run";

/** A build context with the given files (path -> content) and a Dockerfile. */
function context(files: Record<string, string> = {}): BuildInputs {
  const dir = tempDir();
  for (const [path, content] of Object.entries({ Dockerfile: "FROM scratch\nCOPY . /app\n", "index.html": "<p>hi</p>\n", ...files })) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { contextDir: dir, dockerfile: join(dir, "Dockerfile"), buildArgs: {}, platform: "linux/amd64" };
}

const paths = (inputs: BuildInputs) => contextEntries(inputs.contextDir, inputs.dockerfile).map((e) => e.path);

describe("the build context", () => {
  it("leaves out what .dockerignore excludes, with Docker's semantics (* in one folder, ** across, ! re-includes)", () => {
    const inputs = context({
      ".dockerignore": "*.log\n**/*.tmp\nnode_modules\ndocs/*\n!docs/keep.md\n",
      "a.log": "", "sub/b.log": "", "sub/c.tmp": "", "node_modules/x/index.js": "", "docs/drop.md": "", "docs/keep.md": "",
    });
    expect(paths(inputs)).toEqual([".dockerignore", "Dockerfile", "docs", "docs/keep.md", "index.html", "sub", "sub/b.log"]);
  });

  it("counts a file that <Dockerfile>.dockerignore (BuildKit) sends though .dockerignore excludes it", () => {
    const inputs = context({ ".dockerignore": "secret.txt\nextra.txt\n", "Dockerfile.dockerignore": "secret.txt\n", "secret.txt": "", "extra.txt": "" });
    expect(paths(inputs)).toContain("extra.txt");
  });

  it("records a symbolic link by its target, without following it", () => {
    const inputs = context();
    symlinkSync("/etc/hostname", join(inputs.contextDir, "link"));
    expect(contextEntries(inputs.contextDir, inputs.dockerfile).find((e) => e.path === "link")).toEqual({ path: "link", kind: "symlink", mode: 0o777, content: "/etc/hostname" });
  });
});

describe("contentHash", () => {
  it("is the same for the same inputs, whatever their modification times", () => {
    const inputs = context();
    const before = contentHash(inputs);
    utimesSync(join(inputs.contextDir, "index.html"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(contentHash(inputs)).toBe(before);
  });

  it("is the same for two copies of one context in different folders", () => {
    expect(contentHash(context())).toBe(contentHash(context()));
  });

  it("changes when a source file changes", () => {
    const inputs = context();
    const before = contentHash(inputs);
    writeFileSync(join(inputs.contextDir, "index.html"), "<p>changed</p>\n");
    expect(contentHash(inputs)).not.toBe(before);
  });

  it("does not change when a .dockerignore'd file changes", () => {
    const inputs = context({ ".dockerignore": "notes.txt\n", "notes.txt": "a" });
    const before = contentHash(inputs);
    writeFileSync(join(inputs.contextDir, "notes.txt"), "b");
    expect(contentHash(inputs)).toBe(before);
  });

  it("changes when the Dockerfile changes, even if .dockerignore excludes it (docker always sends it)", () => {
    const inputs = context({ ".dockerignore": "Dockerfile\n" });
    const before = contentHash(inputs);
    writeFileSync(inputs.dockerfile, "FROM scratch\nCOPY index.html /\n");
    expect(contentHash(inputs)).not.toBe(before);
  });

  it("changes when a file becomes executable (COPY keeps permission bits)", () => {
    const inputs = context();
    const before = contentHash(inputs);
    chmodSync(join(inputs.contextDir, "index.html"), 0o755);
    expect(contentHash(inputs)).not.toBe(before);
  });

  it("changes with the build args, the target stage and the platform", () => {
    const inputs = context();
    const hashes = new Set([
      contentHash(inputs),
      contentHash({ ...inputs, buildArgs: { NODE_ENV: "production" } }),
      contentHash({ ...inputs, target: "runtime" }),
      contentHash({ ...inputs, platform: "linux/arm64" }),
    ]);
    expect(hashes.size).toBe(4);
  });

  it("does not depend on the order build args are written in", () => {
    const inputs = context();
    expect(contentHash({ ...inputs, buildArgs: { A: "1", B: "2" } })).toBe(contentHash({ ...inputs, buildArgs: { B: "2", A: "1" } }));
  });
});
