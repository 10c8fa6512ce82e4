import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand } from "../../../scripts/command-runner";
import { contentTag, gitState, gitTag } from "../../../scripts/images/tags";
import { tempDir } from "../run";
import { SHA, fakeRunner, notFound } from "./support/fake-runner";

const HASH = "0123456789abcdef".repeat(4);

/** A git repository with app/ (Dockerfile, index.html) and README.md committed. */
function repository(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\n");
  writeFileSync(join(dir, "app", "index.html"), "hi\n");
  writeFileSync(join(dir, "README.md"), "readme\n");
  for (const args of [["init", "-q"], ["add", "."], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init"]]) spawnSync("git", args, { cwd: dir });
  return dir;
}
const head = (dir: string) => spawnSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).stdout.trim();

describe("the tag scheme", () => {
  it("names the content by h- and the first 24 hex digits of its hash", () => {
    expect(contentTag(HASH)).toBe("h-0123456789abcdef01234567");
  });

  it("names a clean commit git-<sha12>", () => {
    expect(gitTag({ sha: SHA, dirty: false }, HASH)).toBe("git-0123456789ab");
  });

  it("names uncommitted changes git-<sha12>-dirty-<hash8>, so two dirty builds of one commit differ", () => {
    expect(gitTag({ sha: SHA, dirty: true }, HASH)).toBe("git-0123456789ab-dirty-01234567");
  });

  it("gives no git tag outside a work tree", () => {
    expect(gitTag(undefined, HASH)).toBeUndefined();
  });
});

describe("gitState", () => {
  it("reads HEAD and a clean build context", async () => {
    const dir = repository();
    expect(await gitState(runCommand, join(dir, "app"), join(dir, "app", "Dockerfile"))).toEqual({ sha: head(dir), dirty: false });
  });

  it("is dirty when a file in the build context changed", async () => {
    const dir = repository();
    writeFileSync(join(dir, "app", "index.html"), "changed\n");
    expect((await gitState(runCommand, join(dir, "app"), join(dir, "app", "Dockerfile")))?.dirty).toBe(true);
  });

  it("is dirty when an untracked file is in the build context", async () => {
    const dir = repository();
    writeFileSync(join(dir, "app", "new.txt"), "new\n");
    expect((await gitState(runCommand, join(dir, "app"), join(dir, "app", "Dockerfile")))?.dirty).toBe(true);
  });

  it("stays clean when only a file outside the build context changed", async () => {
    const dir = repository();
    writeFileSync(join(dir, "README.md"), "changed\n");
    expect((await gitState(runCommand, join(dir, "app"), join(dir, "app", "Dockerfile")))?.dirty).toBe(false);
  });

  it("is undefined outside a git work tree", async () => {
    const dir = tempDir();
    expect(await gitState(runCommand, dir, join(dir, "Dockerfile"))).toBeUndefined();
  });

  it("is undefined when git is not installed", async () => {
    expect(await gitState(fakeRunner(() => notFound("git")), "/app", "/app/Dockerfile")).toBeUndefined();
  });
});
