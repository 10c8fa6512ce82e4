import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { stackName } from "../../stacks/naming";
import { TARGET_DEFINITIONS } from "../../stacks/targets";
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
  for (const target of TARGET_DEFINITIONS) {
    const outputs = result.outputs[stackName(config, target.id)];
    for (const line of (outputs && target.reportLines?.(outputs)) || []) lines.push(`  ${line}`);
  }
  return lines.join("\n");
}
