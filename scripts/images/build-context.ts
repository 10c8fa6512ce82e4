import ignore, { type Ignore } from "@balena/dockerignore";
import { createHash } from "node:crypto";
import { closeSync, existsSync, lstatSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { BerthError } from "../../stacks/errors";

/** One file, directory or symbolic link that docker sends to the daemon, by path relative to the context. */
export interface ContextEntry {
  readonly path: string;
  readonly kind: "file" | "dir" | "symlink";
  /** Permission bits (COPY keeps them, so they are part of the image). */
  readonly mode: number;
  /** sha256 of a file's bytes, or a link's target. */
  readonly content: string;
}

/**
 * The entries of a build context that docker sends, honouring `.dockerignore` with Docker's own
 * semantics (`*` stays in one directory, `**` crosses them, `!` re-includes, even inside an
 * excluded directory). BuildKit prefers `<Dockerfile>.dockerignore` when it exists and the legacy
 * builder does not; a path counts as sent when either builder would send it, so the content hash
 * never misses a change whichever builder runs. Sorted by path.
 */
export function contextEntries(contextDir: string, dockerfile: string): ContextEntry[] {
  const matchers = ignoreMatchers(contextDir, dockerfile);
  const ignored = (path: string) => matchers.every((m) => m.ignores(path));
  // Docker walks into an excluded directory only when a "!" pattern could re-include something in it.
  const mayReinclude = matchers.some((m) => m.reincludes);
  const entries: ContextEntry[] = [];
  const walk = (dir: string) => {
    for (const dirent of readDir(dir)) {
      const full = join(dir, dirent.name);
      const path = relative(contextDir, full).split(sep).join("/");
      const excluded = ignored(path);
      if (dirent.isDirectory()) {
        if (!excluded) entries.push({ path, kind: "dir", mode: modeOf(full), content: "" });
        if (!excluded || mayReinclude) walk(full);
      } else if (!excluded && dirent.isSymbolicLink()) {
        entries.push({ path, kind: "symlink", mode: 0o777, content: readlinkSync(full) });
      } else if (!excluded && dirent.isFile()) {
        entries.push({ path, kind: "file", mode: modeOf(full), content: fileDigest(full) });
      }
      // Sockets, FIFOs and devices are not part of an image.
    }
  };
  walk(contextDir);
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

interface Matcher {
  ignores(path: string): boolean;
  readonly reincludes: boolean;
}

function ignoreMatchers(contextDir: string, dockerfile: string): Matcher[] {
  const rootFile = join(contextDir, ".dockerignore");
  const perDockerfile = join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`);
  const legacy = existsSync(rootFile) ? readFileSync(rootFile, "utf8") : "";
  const buildkit = existsSync(perDockerfile) ? readFileSync(perDockerfile, "utf8") : legacy;
  return [...new Set([legacy, buildkit])].map((patterns) => {
    const matcher: Ignore = ignore().add(patterns);
    return { ignores: (path: string) => matcher.ignores(path), reincludes: /^\s*!/m.test(patterns) };
  });
}

function readDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw unreadable(dir, error);
  }
}

function modeOf(path: string): number {
  return lstatSync(path).mode & 0o7777;
}

/** sha256 of a file, read in chunks so a large file never sits in memory whole. */
export function fileDigest(path: string): string {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 20);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

function unreadable(path: string, error: unknown): BerthError {
  return new BerthError(
    `Cannot read ${path} in the build context (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n` +
      "Fix its permissions, or exclude it in .dockerignore if the image does not need it, and run again.",
  );
}
