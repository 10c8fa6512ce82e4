/**
 * `npm run bench:publish [runs]`: whole-process `berth publish` of a small FROM-scratch image
 * against a real registry on 127.0.0.1 (docker-registry) behind a fake ECR API: the first
 * (cold) publish, which builds and pushes, beside the median of no-op publishes, which must
 * push nothing. Needs Docker and Debian's docker-registry; prints figures, asserts nothing.
 * The local registry and fake ECR are the publish tests' own (test/scripts/images/support).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BerthError } from "../../stacks/errors";
import { appWithSpec } from "../../test/scripts/images/support/fixtures";
import { dockerUnavailable, startFakeEcr, startRegistry } from "../../test/scripts/images/support/local-ecr";
import { berthRoot } from "../paths";
import { runMain } from "../cli/run-main";
import { median } from "./measure";

interface Timed {
  readonly seconds: number;
  readonly statuses: string[];
}

/** Runs `berth publish --json` as a separate process, without blocking the fake ECR in this one. */
function timedPublish(spec: string, env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(berthRoot(), "scripts", "bin", "berth.mjs"), "publish", "--config", spec, "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return reject(new BerthError(`berth publish failed (exit ${code}):\n${stderr}`));
      resolve({ seconds, statuses: (JSON.parse(stdout) as { images: { status: string }[] }).images.map((i) => i.status) });
    });
  });
}

void runMain(async () => {
  const unavailable = dockerUnavailable();
  if (unavailable) throw new BerthError(`bench:publish needs Docker and a local registry: ${unavailable}`);
  const runs = Number(process.argv[2] ?? 7);
  const app = `bench${randomBytes(4).toString("hex")}`;
  const repository = `${app}-dev/web`;
  const dockerConfig = mkdtempSync(join(tmpdir(), "berth-bench-docker-"));
  const registry = await startRegistry();
  const ecr = await startFakeEcr(registry, [repository]);
  const { dir, spec } = appWithSpec(app, app);
  const env = { ...process.env, ...ecr.env(), DOCKER_CONFIG: dockerConfig, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  try {
    // Build berth's CLI bundle first: "cold" means an image not yet in the registry, not a cold bundle.
    spawnSync(process.execPath, [join(berthRoot(), "scripts", "bin", "berth.mjs"), "--help"], { env });
    const cold = await timedPublish(spec, env);
    const tokensBefore = ecr.calls.GetAuthorizationToken ?? 0;
    const noOps: Timed[] = [];
    for (let i = 0; i < runs; i++) noOps.push(await timedPublish(spec, env));
    const pushes = noOps.flatMap((r) => r.statuses).filter((s) => s === "pushed").length;
    const logins = (ecr.calls.GetAuthorizationToken ?? 0) - tokensBefore;

    console.log(`berth publish of a FROM-scratch image to a local registry (target: no-op median <= 0.5 s, 0 pushes)`);
    console.log(`${"first publish (build + push)".padEnd(40)} ${cold.seconds.toFixed(2).padStart(6)} s  ${cold.statuses.join(", ")}`);
    console.log(`${`no-op publish (median of ${runs})`.padEnd(40)} ${median(noOps.map((r) => r.seconds)).toFixed(2).padStart(6)} s  pushes: ${pushes}, ECR tokens asked: ${logins}`);
    console.log(`no-op runs: ${noOps.map((r) => r.seconds.toFixed(2)).join(" ")} s`);
  } finally {
    await ecr.stop();
    const images = spawnSync("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}", `${registry.host}/${repository}`], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    if (images.length > 0) spawnSync("docker", ["rmi", "--force", ...images]);
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dockerConfig, { recursive: true, force: true });
  }
});
