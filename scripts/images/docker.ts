import { BerthError } from "../../stacks/errors";
import type { Platform } from "../../stacks/spec/resolve";
import { lastLines, type CommandResult, type CommandRunner } from "../command-runner";

/** A docker command that exited non-zero; `output` is its stderr and stdout. */
export class DockerCommandError extends BerthError {
  override name = "DockerCommandError";
  constructor(
    readonly argv: readonly string[],
    readonly code: number,
    readonly output: string,
  ) {
    super(`${argv.slice(0, 3).join(" ")} … exited ${code}:\n${lastLines(output)}`);
  }
}

export interface BuildRequest {
  readonly contextDir: string;
  readonly dockerfile: string;
  /** The reference the built image gets, e.g. `<repositoryUri>:h-…`. */
  readonly tag: string;
  readonly platform: Platform;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  /** An earlier image of the same repository whose layers the build may reuse. */
  readonly cacheFrom?: string;
  /** Build every step afresh; wins over `cacheFrom`, which is then not passed. */
  readonly noCache?: boolean;
}

/** What this docker can build with. */
export interface Builder {
  /** The buildx plugin runs (BuildKit; builds for any platform QEMU/binfmt or a remote node provides). */
  readonly buildx: boolean;
  /**
   * The daemon's `os/arch`, e.g. `linux/amd64`: the only platform docker's legacy builder builds for.
   * Undefined when docker does not say.
   */
  readonly daemonPlatform?: string;
}

/** Go's names for the architectures (`docker version`), also when given as uname's (`docker info`). */
const ARCH_ALIASES: Readonly<Record<string, string>> = { x86_64: "amd64", aarch64: "arm64" };

/** `linux/amd64` from `linux/x86_64` or `linux/amd64`; undefined for anything not `os/arch`. */
export function normalisePlatform(text: string): string | undefined {
  const match = /^([a-z0-9]+)\/([a-z0-9_]+)$/.exec(text.trim());
  if (!match) return undefined;
  return `${match[1]}/${ARCH_ALIASES[match[2]!] ?? match[2]}`;
}

/**
 * The docker command line, one argv array per operation (never a shell string). The binary is
 * `BERTH_DOCKER` when set, else `docker` on the PATH.
 */
export class Docker {
  readonly binary: string;
  private readonly binarySource: string;

  constructor(
    private readonly run: CommandRunner,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.binary = env.BERTH_DOCKER || "docker";
    this.binarySource = env.BERTH_DOCKER ? "set by BERTH_DOCKER" : "looked up on the PATH";
  }

  /**
   * Checks that docker runs and reaches its daemon; returns whether the buildx plugin is there and
   * the daemon's platform (from the same `docker version` call: no extra command).
   * Throws a BerthError that says what to do when docker is missing or its daemon is down.
   */
  async preflight(): Promise<Builder> {
    const version = await this.exec(["version", "--format", "{{.Server.Version}} {{.Server.Os}}/{{.Server.Arch}}"]);
    if (version.code !== 0) {
      throw new BerthError(
        `Docker is installed but its daemon is not reachable (${this.binary} version exited ${version.code}):\n` +
          `${lastLines(version.stderr || version.stdout, 5)}\n` +
          "Start Docker (Docker Desktop, or: sudo systemctl start docker), check DOCKER_HOST and `docker context ls`, then run again.",
      );
    }
    const buildx = await this.exec(["buildx", "version"]);
    const daemonPlatform = normalisePlatform(version.stdout.trim().split(/\s+/).pop() ?? "");
    return { buildx: buildx.code === 0, ...(daemonPlatform ? { daemonPlatform } : {}) };
  }

  /** `docker login` with the password on stdin, so it never shows in a process list. */
  async login(server: string, username: string, password: string): Promise<void> {
    await this.check(["login", "--username", username, "--password-stdin", server], { input: password });
  }

  /**
   * Builds for `platform`: `docker buildx build --load` when buildx is there (BuildKit), else the
   * legacy `docker build`. Streams the build output to `onLine`.
   */
  async build(request: BuildRequest, buildx: boolean, onLine: (line: string) => void): Promise<void> {
    const args = buildx
      ? // --provenance=false: one image manifest, not an index with an attestation (ECR scans and counts images).
        ["buildx", "build", "--platform", request.platform, "--load", "--provenance=false"]
      : ["build", "--platform", request.platform];
    args.push("--file", request.dockerfile, "--tag", request.tag);
    for (const name of Object.keys(request.buildArgs).sort()) args.push("--build-arg", `${name}=${request.buildArgs[name]}`);
    if (request.target) args.push("--target", request.target);
    // --no-cache wins: asked for a build from scratch, a cache source would be ignored at best.
    if (request.noCache) args.push("--no-cache");
    else if (request.cacheFrom) {
      // BuildKit reads cache metadata from the registry (written inline by the previous build);
      // the legacy builder reuses the image when it is present locally.
      args.push(...(buildx ? ["--cache-from", `type=registry,ref=${request.cacheFrom}`, "--cache-to", "type=inline"] : ["--cache-from", request.cacheFrom]));
    }
    args.push(request.contextDir);
    await this.check(args, { onLine });
  }

  /** `os/architecture` of a local image, e.g. `linux/arm64`. */
  async platformOf(reference: string): Promise<string> {
    return (await this.check(["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", reference])).stdout.trim();
  }

  async tag(source: string, target: string): Promise<void> {
    await this.check(["tag", source, target]);
  }

  /**
   * Pushes one tag and returns the digest the registry stored it under, as docker printed it;
   * undefined when docker printed none (a wrapper filtering its output), so that the caller asks the registry.
   */
  async push(reference: string, onLine: (line: string) => void): Promise<string | undefined> {
    const result = await this.check(["push", reference], { onLine });
    return /digest: (sha256:[0-9a-f]{64})/.exec(result.stdout)?.[1];
  }

  private async check(args: string[], options: { input?: string; onLine?: (line: string) => void } = {}): Promise<CommandResult> {
    const result = await this.exec(args, options);
    if (result.code !== 0) throw new DockerCommandError([this.binary, ...args], result.code, `${result.stderr}\n${result.stdout}`);
    return result;
  }

  private async exec(args: string[], options: { input?: string; onLine?: (line: string) => void } = {}): Promise<CommandResult> {
    try {
      return await this.run([this.binary, ...args], options);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EACCES") {
        throw new BerthError(
          `Docker not found: could not run "${this.binary}" (${this.binarySource}; ${code}).\n` +
            "Install Docker (https://docs.docker.com/engine/install/), or set BERTH_DOCKER to the path of the docker binary, then run again.",
        );
      }
      throw error;
    }
  }
}
