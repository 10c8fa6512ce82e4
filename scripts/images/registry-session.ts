import { BerthError } from "../../stacks/errors";
import type { Progress } from "../cli/progress";
import { withRetries, type RetryPolicy } from "../retry";
import { Docker, DockerCommandError, type Builder } from "./docker";
import { classifyDockerFailure, type DockerFailure } from "./docker-errors";
import type { Ecr, RegistryLogin } from "./ecr";

/** What a failed docker command means; undefined for any other error. */
export function dockerFailure(error: unknown): DockerFailure | undefined {
  return error instanceof DockerCommandError ? classifyDockerFailure(error.output, error.code) : undefined;
}

/** A docker failure worth another try: network, throttling, 5xx. */
function isTransient(error: unknown): boolean {
  return dockerFailure(error)?.transient === true;
}

/**
 * What one publish run sets up at most once, and only when something has to be built: the docker
 * preflight, the ECR token, and one `docker login` per registry.
 */
export class RegistrySession {
  private ready?: Promise<Builder>;
  private token?: Promise<RegistryLogin>;
  private readonly logins = new Map<string, Promise<void>>();

  constructor(
    readonly docker: Docker,
    private readonly ecr: Ecr,
    private readonly progress: Progress,
    private readonly retry: RetryPolicy,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Docker runs and reaches its daemon; whether buildx is there and the daemon's platform. */
  builder(): Promise<Builder> {
    this.ready ??= this.docker.preflight();
    return this.ready;
  }

  /** Logs docker in to `registry` with an ECR token, once per run. */
  login(registry: string): Promise<void> {
    let login = this.logins.get(registry);
    if (!login) {
      login = this.loginOnce(registry);
      this.logins.set(registry, login);
    }
    return login;
  }

  private async loginOnce(registry: string): Promise<void> {
    this.token ??= this.ecr.login();
    const { username, password } = await this.token;
    try {
      await this.withRetries(`docker login ${registry}`, () => this.docker.login(registry, username, password));
    } catch (error) {
      const failure = dockerFailure(error);
      if (!failure) throw error;
      throw new BerthError(
        `docker login to ${registry} failed${this.triesNote(error)} (exit ${(error as DockerCommandError).code}):\n${failure.cause}\n${failure.advice} Nothing was pushed.`,
      );
    }
  }

  /** Runs a network step (login, push) under the retry policy, reporting each retry. */
  withRetries<T>(label: string, operation: () => Promise<T>): Promise<T> {
    return withRetries(this.retry, operation, {
      isRetryable: isTransient,
      sleep: this.sleep,
      onRetry: (error, attempt, delayMs) => {
        const reason = dockerFailure(error)?.cause.replace(/\n/g, " / ") ?? String(error);
        this.progress.line(`  ${label} failed (try ${attempt} of ${this.retry.attempts}): ${reason}; retrying in ${delayMs / 1000} s`);
      },
    });
  }

  /** " after N tries" when the error is one that was retried. */
  triesNote(error: unknown): string {
    return isTransient(error) && this.retry.attempts > 1 ? ` after ${this.retry.attempts} tries` : "";
  }
}
