import { spawnSync } from "node:child_process";

/** Why no Docker engine answers (the client is BERTH_DOCKER or docker), or undefined when one does. */
export function dockerEngineProblem(): string | undefined {
  const probe = spawnSync(process.env.BERTH_DOCKER || "docker", ["version", "--format", "{{.Server.Version}}"], { encoding: "utf8", timeout: 20000 });
  if (probe.error) return `docker is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `the docker daemon is not reachable: ${probe.stderr.trim().split("\n")[0]}`;
  return undefined;
}

/**
 * Whether a Docker engine answers. Under BERTH_REQUIRE_DOCKER=1 (CI) a missing engine is an error;
 * elsewhere the docker tests are skipped with the reason printed.
 */
export function dockerAvailable(suite: string): boolean {
  const problem = dockerEngineProblem();
  if (!problem) return true;
  const reason = `${suite}: ${problem}`;
  if (process.env.BERTH_REQUIRE_DOCKER === "1") throw new Error(`${reason}; BERTH_REQUIRE_DOCKER=1 requires one`);
  console.warn(`SKIPPED ${reason}`);
  return false;
}
