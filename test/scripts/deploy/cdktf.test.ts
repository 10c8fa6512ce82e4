import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cdktfBinary, cdktfProjectDir, readOutputs, runCdktfDeploy } from "../../../scripts/deploy/cdktf";
import { recordingProgress, rejectionOf } from "../images/support/fixtures";
import { fakeRunner, notFound } from "../images/support/fake-runner";
import { ROOT, tempDir } from "../run";

describe("cdktf", () => {
  it("is berth's own cdktf CLI unless BERTH_CDKTF names another", () => {
    expect([cdktfBinary({}), cdktfBinary({ BERTH_CDKTF: "/usr/local/bin/cdktf" })]).toEqual([join(ROOT, "node_modules", ".bin", "cdktf"), "/usr/local/bin/cdktf"]);
  });

  it("is the project's own cdktf CLI when the project folder (with its cdktf.json) has one", () => {
    const project = tempDir();
    writeFileSync(join(project, "cdktf.json"), "{}\n");
    mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
    writeFileSync(join(project, "node_modules", ".bin", "cdktf"), "");
    expect(cdktfBinary({}, project)).toBe(join(project, "node_modules", ".bin", "cdktf"));
  });

  it("is berth's own cdktf CLI in a project folder without one", () => {
    const project = tempDir();
    writeFileSync(join(project, "cdktf.json"), "{}\n");
    expect(cdktfBinary({}, project)).toBe(join(ROOT, "node_modules", ".bin", "cdktf"));
  });

  it("runs in the current folder when it holds a cdktf.json (a user's project)", () => {
    const project = tempDir();
    writeFileSync(join(project, "cdktf.json"), "{}\n");
    expect(cdktfProjectDir(project)).toBe(project);
  });

  it("runs in berth's folder from a folder without cdktf.json", () => {
    expect(cdktfProjectDir(tempDir())).toBe(ROOT);
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
    expect(message).toBe("The cdktf CLI was not found at /x/cdktf.\nInstall it in your project (npm i -D cdktf-cli@0.21; in berth's own checkout, npm ci), or set BERTH_CDKTF to the cdktf binary, and run again.");
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
