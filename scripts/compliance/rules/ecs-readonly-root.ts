import type { Rule } from "../types";
import { containersOf } from "./container-definitions";

export const ecsReadonlyRoot: Rule = {
  id: "ecs-readonly-root",
  checks: ["CKV_AWS_336", "AWS Config ecs-containers-readonly-access"],
  description: "ECS containers have read-only root filesystems",
  evaluate: (stack) =>
    containersOf(stack)
      .filter(({ container }) => container.readonlyRootFilesystem !== true)
      .map(({ resource, container }) => ({ rule: "ecs-readonly-root", resource, message: `container ${String(container.name)} can write its root filesystem` })),
};
