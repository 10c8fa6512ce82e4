import { BerthError } from "../../errors";
import type { AfterApply } from "../target";

/** After apply, deploy waits for the ECS service to be stable: a circuit-breaker rollback fails it. */
export const waitForStableService: AfterApply = {
  describe: (waitTimeoutSeconds) =>
    `wait up to ${waitTimeoutSeconds} s for the ECS service (cluster_name, service_name outputs) to be stable; a circuit-breaker rollback fails the deploy`,
  async run(outputs, stack, tools) {
    const cluster = String(outputs.cluster_name ?? "");
    const name = String(outputs.service_name ?? "");
    if (!cluster || !name) {
      throw new BerthError(
        `The outputs of ${stack} lack cluster_name or service_name (got ${JSON.stringify(outputs)}), so berth cannot wait for the service. Run npx cdktf output ${stack} to check.`,
      );
    }
    const service = await tools.waitForEcsService(cluster, name);
    return { step: `ECS service ${cluster}/${name} stable: ${service.runningCount}/${service.desiredCount} running ${service.taskDefinition}`, service };
  },
};
