import type { TargetDefinition } from "../target";
import { checkFargate } from "./checks";
import { waitForStableService } from "./deploy";
import { resolveFargate, type ResolvedFargate } from "./resolve";
import { fargateBlock } from "./spec";
import { checkFargateSpec } from "./spec-checks";
import { fargateWarnings } from "./warnings";

/** The `fargate` target: an ECS Fargate service behind an Application Load Balancer. */
export const fargateTarget: TargetDefinition<"fargate", typeof fargateBlock, ResolvedFargate> = {
  id: "fargate",
  block: fargateBlock,
  resolve: resolveFargate,
  checkSpec: checkFargateSpec,
  checkResolved: checkFargate,
  plainValuesStoredIn: "the ECS task definition",
  warnings: fargateWarnings,
  urlOutput: "service_url",
  afterApply: waitForStableService,
};
