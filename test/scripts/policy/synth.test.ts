import { join } from "node:path";
import { runNode, tempDir, writeSpec } from "../run";

/** A plain HTTP Fargate service open to the whole internet, as a user may override it. */
const OPEN_PLAIN_HTTP = `import { defineConfig } from "berth";
export default defineConfig({
  app: "shop",
  region: "eu-west-1",
  targets: ["fargate"],
  image: { context: "./app" },
  port: 8080,
  fargate: { plainHttp: true, ingressCidrs: ["0.0.0.0/0"] },
});
`;

const FINDING =
  "  policy error https-only shop-dev-fargate/aws_lb_listener.alb_http_97FCE0DC: serves plain HTTP without redirecting to HTTPS; fix: Give fargate.https { certificateArn } or { domain, hostedZoneId } (or ec2.https { domain }); for a demo on plain HTTP, suppress https-only with a reason.";

describe("policy at synth", () => {
  const spec = writeSpec(OPEN_PLAIN_HTTP);
  const out = join(tempDir(), "out");
  const synth = runNode("scripts/bin/berth.mjs", ["synth", "--config", spec, "--out", out]);

  it("berth synth prints the finding of a plain HTTP spec open to 0.0.0.0/0 and still writes the stacks (exit 0)", () => {
    expect([synth.status, synth.stdout.split("\n")]).toEqual([0, expect.arrayContaining([FINDING])]);
  });

  it("npm run synth (main.ts, which cdktf synth runs) prints it too", () => {
    const run = runNode("scripts/bin/run-ts.mjs", ["main.ts", spec], { CDKTF_OUTDIR: join(tempDir(), "out") });
    expect([run.status, run.stdout.split("\n")]).toEqual([0, expect.arrayContaining([FINDING])]);
  });

  it("berth check on that output exits 2 with the finding", () => {
    const run = runNode("scripts/bin/berth.mjs", ["check", "--out", out]);
    expect([run.status, run.stdout]).toEqual([2, `berth check: 1 error, 0 warnings, 0 rules suppressed in 2 stacks (${out})\n${FINDING}\n`]);
  });
});
