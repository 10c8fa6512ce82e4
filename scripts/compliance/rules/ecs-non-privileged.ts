import type { Rule } from "../types";
import { containersOf } from "./container-definitions";

export const ecsNonPrivileged: Rule = {
  id: "ecs-non-privileged",
  checks: ["Security Hub ECS.4"],
  description: "ECS containers do not run privileged",
  evaluate: (stack) =>
    containersOf(stack)
      .filter(({ container }) => container.privileged === true)
      .map(({ resource, container }) => ({ rule: "ecs-non-privileged", resource, message: `container ${String(container.name)} runs privileged` })),
};
