import type { TargetDefinition } from "../target";
import { checkEc2 } from "./checks";
import { resolveEc2, type ResolvedEc2 } from "./resolve";
import { ec2Block } from "./spec";

/** The `ec2` target: one Docker host running the app with docker compose. */
export const ec2Target: TargetDefinition<"ec2", typeof ec2Block, ResolvedEc2> = {
  id: "ec2",
  block: ec2Block,
  resolve: resolveEc2,
  checkResolved: checkEc2,
  plainValuesStoredIn: "the EC2 host's compose file",
  urlOutput: "app_url",
  reportLines: (outputs) => [
    ...(outputs.instance_id ? [`ec2 instance: ${String(outputs.instance_id)}`] : []),
    ...(outputs.ssm_session_command ? [`ec2 shell: ${String(outputs.ssm_session_command)}`] : []),
  ],
};
