import type { Rule } from "../types";
import { containersOf } from "./container-definitions";

export const ecsReadonlyRoot: Rule = {
  id: "ecs-readonly-root",
  severity: "warning",
  checkov: ["CKV_AWS_336"],
  securityHub: ["ECS.5"],
  title: "ECS containers have read-only root filesystems",
  why: "A writable root filesystem lets an attacker persist tools in the container.",
  fix: "Keep readonlyRootFilesystem: true and mount writable paths as volumes; ECS Exec needs a writable root, so suppress this rule with a reason if you enable fargate.ecsExec.",
  evaluate: (stack) =>
    containersOf(stack)
      .filter(({ container }) => container.readonlyRootFilesystem !== true)
      .map(({ resource, container }) => ({ resource, message: `container ${String(container.name)} can write its root filesystem` })),
};
