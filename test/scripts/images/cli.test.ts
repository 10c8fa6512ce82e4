import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { hasStackTrace, runNode, specSource, writeSpec } from "../run";

describe("berth publish and deploy command lines", () => {
  it("prints a JSON error document with --json, exit 1, when deploy lacks --auto-approve", () => {
    const run = runNode("scripts/bin/berth.mjs", ["deploy", "--config", writeSpec(specSource()), "--json"], { AWS_EC2_METADATA_DISABLED: "true" });
    expect([run.status, JSON.parse(run.stdout), hasStackTrace(run.stderr)]).toEqual([
      1,
      {
        ok: false,
        error:
          "berth deploy needs --auto-approve with --json (stdout carries the JSON, so cdktf cannot ask there).\n" +
          "Review the plan first (berth deploy --dry-run, npx cdktf diff), then run berth deploy --auto-approve.",
      },
      false,
    ]);
  });

  it("rejects a --wait-timeout out of range", () => {
    const run = runNode("scripts/bin/berth.mjs", ["deploy", "--wait-timeout", "5"]);
    expect([run.status, run.stderr.split("\n")[0]]).toEqual([1, "error: option '--wait-timeout <seconds>' argument '5' is invalid. must be a whole number of seconds from 60 to 7200."]);
  });

  it("rejects a spec whose build context does not exist before touching AWS or docker", () => {
    const spec = writeSpec(specSource());
    rmSync(join(dirname(spec), "app"), { recursive: true });
    const run = runNode("scripts/bin/berth.mjs", ["publish", "--config", spec], { AWS_EC2_METADATA_DISABLED: "true", BERTH_DOCKER: "/nonexistent/docker" });
    expect([run.status, run.stderr.split("\n").find((l) => l.startsWith("image.context"))]).toEqual([
      1,
      `image.context "./app" is not a directory (resolved to ${spec.replace(/berth\.config\.ts$/, "app")} from the spec's folder).`,
    ]);
  });
});
