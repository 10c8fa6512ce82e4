import { spawnSync } from "node:child_process";

/**
 * Whether a Docker engine answers. Under BERTH_REQUIRE_DOCKER=1 (CI) a missing engine is an error;
 * elsewhere the docker tests are skipped with the reason printed.
 */
export function dockerAvailable(suite: string): boolean {
  const probe = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8", timeout: 20000 });
  if (probe.status === 0) return true;
  const reason = `${suite}: no Docker engine (${(probe.stderr || probe.error?.message || "docker info failed").trim()})`;
  if (process.env.BERTH_REQUIRE_DOCKER === "1") throw new Error(`${reason}; BERTH_REQUIRE_DOCKER=1 requires one`);
  console.warn(`SKIPPED ${reason}`);
  return false;
}
