import { join } from "node:path";
import { cdktfBinary, readOutputs, runCdktfDeploy } from "../../../scripts/deploy/cdktf";
import { recordingProgress, rejectionOf } from "../images/support/fixtures";
import { fakeRunner, notFound } from "../images/support/fake-runner";
import { ROOT, tempDir } from "../run";

describe("cdktf", () => {
  it("is berth's own cdktf CLI unless BERTH_CDKTF names another", () => {
    expect([cdktfBinary({}), cdktfBinary({ BERTH_CDKTF: "/usr/local/bin/cdktf" })]).toEqual([join(ROOT, "node_modules", ".bin", "cdktf"), "/usr/local/bin/cdktf"]);
  });

  it("runs from berth's folder, where cdktf.json is", async () => {
    const run = fakeRunner();
    await runCdktfDeploy(run, "cdktf", { stacks: ["shop-dev-registry"], outdir: "/out", autoApprove: true }, recordingProgress());
    expect(run.options[0]!.cwd).toBe(ROOT);
  });

  it("streams cdktf's output as progress", async () => {
    const progress = recordingProgress();
    await runCdktfDeploy(fakeRunner(() => ({ stdout: "shop-dev-registry  aws_ecr_repository.web: Creating...\n" })), "cdktf", { stacks: ["shop-dev-registry"], outdir: "/out", autoApprove: true }, progress);
    expect(progress.lines).toEqual(["cdktf | shop-dev-registry  aws_ecr_repository.web: Creating..."]);
  });

  it("says to install the dependencies when the cdktf CLI is missing", async () => {
    const message = await rejectionOf(runCdktfDeploy(fakeRunner(() => notFound("cdktf")), "/x/cdktf", { stacks: ["s"], outdir: "/out", autoApprove: true }, recordingProgress()));
    expect(message).toBe("The cdktf CLI was not found at /x/cdktf.\nRun npm ci in berth's folder (or set BERTH_CDKTF to the cdktf binary) and run again.");
  });

  it("reports a failure with cdktf's last lines, without colour codes, each repeated warning once", async () => {
    const run = fakeRunner(() => ({
      code: 1,
      stdout: "Warning: Unable to open CLI configuration file\n\x1b[31m│\x1b[0m Could not retrieve the list of available versions for provider hashicorp/aws\nWarning: Unable to open CLI configuration file\nError: terraform init failed with exit code 1\n",
    }));
    const message = await rejectionOf(runCdktfDeploy(run, "cdktf", { stacks: ["shop-dev-registry"], outdir: "/out", autoApprove: true }, recordingProgress()));
    expect(message.split("\n").slice(0, 4)).toEqual([
      "cdktf deploy shop-dev-registry failed (exit 1):",
      "│ Could not retrieve the list of available versions for provider hashicorp/aws",
      "Warning: Unable to open CLI configuration file",
      "Error: terraform init failed with exit code 1",
    ]);
  });

  it("reads no outputs when cdktf wrote none", () => {
    expect(readOutputs(join(tempDir(), "outputs.json"))).toEqual({});
  });
});
