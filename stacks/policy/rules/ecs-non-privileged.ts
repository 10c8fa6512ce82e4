import type { Rule } from "../types";
import { containersOf } from "./container-definitions";

export const ecsNonPrivileged: Rule = {
  id: "ecs-non-privileged",
  severity: "error",
  checkov: [],
  securityHub: ["ECS.4"],
  title: "ECS containers do not run privileged",
  why: "A privileged container has root on the host kernel's devices; Fargate refuses it and on EC2 it escapes the container.",
  fix: "Remove privileged: true from the container definition.",
  evaluate: (stack) =>
    containersOf(stack)
      .filter(({ container }) => container.privileged === true)
      .map(({ resource, container }) => ({ resource, message: `container ${String(container.name)} runs privileged` })),
};
