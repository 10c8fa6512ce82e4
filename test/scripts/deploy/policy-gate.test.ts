import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ECSClient } from "@aws-sdk/client-ecs";
import { join } from "node:path";
import { deploy } from "../../../scripts/deploy/deploy";
import { recordingProgress, rejectionOf } from "../images/support/fixtures";
import { fakeRunner } from "../images/support/fake-runner";
import { configWithApp, mockAws } from "../images/support/unit";
import { tempDir } from "../run";

/** berth deploy of a plain HTTP Fargate service (an https-only error), with or without its suppression. */
function deployPlainHttp(dryRun: boolean, policy?: unknown) {
  const aws = mockAws();
  const run = fakeRunner();
  const config = configWithApp({ fargate: { plainHttp: true }, ...(policy ? { policy } : {}) });
  const result = deploy(
    config,
    { ecr: aws.ecrClient, sts: aws.stsClient, ecs: new ECSClient({ region: "eu-west-1" }), run, progress: recordingProgress(), env: {}, cdktf: "cdktf", sleep: async () => undefined },
    { specPath: "berth.config.ts", outdir: join(tempDir(), "cdktf.out"), autoApprove: true, dryRun, terminal: false, json: false, waitTimeoutSeconds: 600 },
  );
  return { aws, run, result };
}

const REFUSAL =
  "berth deploy refused: 1 policy error in the synthesized stacks, nothing was applied:\n" +
  "  ✖ https-only shop-dev-fargate/aws_lb_listener.alb_http_97FCE0DC: serves plain HTTP without redirecting to HTTPS; fix: Give fargate.https { certificateArn } or { domain, hostedZoneId } (or ec2.https { domain }); for a demo on plain HTTP, suppress https-only with a reason.\n" +
  "Fix the spec (berth.config.ts), or, if a rule does not apply to this app, suppress it there with a reason:\n" +
  '  policy: { suppress: [{ rule: "https-only", reason: "<why it does not apply>" }] }\n' +
  "Every rule is described in docs/policy.md.";

describe("deploy and the policy rules", () => {
  it.each([false, true])("refuses unsuppressed error findings before any command or AWS call (dry run: %s)", async (dryRun) => {
    const s = deployPlainHttp(dryRun);
    expect(await rejectionOf(s.result)).toBe(REFUSAL);
    expect([s.run.calls, s.aws.sts.commandCalls(GetCallerIdentityCommand)]).toEqual([[], []]);
  });

  it("goes ahead when the finding's rule is suppressed with a reason", async () => {
    const s = deployPlainHttp(true, { suppress: [{ rule: "https-only", reason: "demo" }] });
    await expect(s.result).resolves.toEqual(expect.objectContaining({ account: "123456789012" }));
  });
});
