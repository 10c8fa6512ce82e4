import type { ResolvedConfig } from "../../stacks/spec/presets";
import { stackName } from "../../stacks/naming";
import type { DeployResult } from "./deploy";

/** What `berth deploy` prints on stdout: the steps (done or planned) and where the app is. */
export function formatDeploy(result: DeployResult, config: ResolvedConfig, dryRun: boolean): string {
  const account = result.account ? `, AWS account ${result.account}` : "";
  const lines = [`berth deploy${dryRun ? " --dry-run" : ""}: ${config.app} (${config.stage}, ${config.region})${account}`];
  if (dryRun) {
    result.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
    lines.push("nothing was changed (dry run)");
    return lines.join("\n");
  }
  for (const step of result.steps) lines.push(`  ✓ ${step}`);
  for (const [target, url] of Object.entries(result.urls)) lines.push(`  ${target} url: ${url}`);
  const ec2 = result.outputs[stackName(config, "ec2")];
  if (ec2?.instance_id) lines.push(`  ec2 instance: ${String(ec2.instance_id)}`);
  if (ec2?.ssm_session_command) lines.push(`  ec2 shell: ${String(ec2.ssm_session_command)}`);
  return lines.join("\n");
}
