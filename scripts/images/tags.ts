import { relative } from "node:path";
import type { CommandRunner } from "../command-runner";

/**
 * The tag scheme (docs/images.md). ECR repositories are IMMUTABLE, so a tag must always name the
 * same image:
 * - `h-<24 hex>`: the content hash of the build inputs; the identity publish skips by.
 * - `git-<sha12>`: the commit the image was built from, when the build inputs are committed;
 * - `git-<sha12>-dirty-<hash8>`: built from uncommitted changes: the hash prefix keeps two dirty
 *   builds of one commit apart.
 */
export function contentTag(contentHash: string): string {
  return `h-${contentHash.slice(0, 24)}`;
}

export interface GitState {
  /** Full commit sha of HEAD. */
  readonly sha: string;
  /** The build context or Dockerfile has uncommitted (or untracked) changes. */
  readonly dirty: boolean;
}

/** The git tag of an image, or undefined outside a git work tree. */
export function gitTag(git: GitState | undefined, contentHash: string): string | undefined {
  if (!git) return undefined;
  const commit = `git-${git.sha.slice(0, 12)}`;
  return git.dirty ? `${commit}-dirty-${contentHash.slice(0, 8)}` : commit;
}

/**
 * HEAD of the git work tree holding the build context, and whether the context or the Dockerfile
 * differ from it. Undefined when there is no work tree, no commit yet, or no git: the image then
 * gets its content tag only.
 */
export async function gitState(run: CommandRunner, contextDir: string, dockerfile: string): Promise<GitState | undefined> {
  const git = (...args: string[]) => run(["git", "-C", contextDir, ...args]).catch(() => undefined);
  const head = await git("rev-parse", "--verify", "--quiet", "HEAD");
  if (!head || head.code !== 0) return undefined;
  const status = await git("status", "--porcelain", "--untracked-files=all", "--", ".", relative(contextDir, dockerfile));
  if (!status || status.code !== 0) return undefined;
  return { sha: head.stdout.trim(), dirty: status.stdout.trim() !== "" };
}
