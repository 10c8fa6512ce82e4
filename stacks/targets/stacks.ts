import { Ec2Stack } from "./ec2/stack";
import { FargateStack } from "./fargate/stack";
import type { TargetId } from "./index";
import type { TargetStack } from "./target";

/**
 * Each target's stack. Apart from the definitions (index.ts) because it is the only part that
 * needs cdktf and the provider bindings: the spec, publish and a deploy's plan never load them.
 */
export const TARGET_STACKS: { readonly [T in TargetId]: TargetStack } = {
  ec2: (app, config, builds) => {
    new Ec2Stack(app, config, builds);
    return [];
  },
  fargate: (app, config, builds) => new FargateStack(app, config, builds).notes,
};
