import { resourcesOf, type TerraformJson } from "../types";

/** Every container definition of every task definition, with the task's address. */
export function containersOf(stack: TerraformJson): { resource: string; container: Record<string, unknown> }[] {
  return resourcesOf(stack, "aws_ecs_task_definition").flatMap(([resource, task]) => {
    const definitions = typeof task.container_definitions === "string" ? (JSON.parse(task.container_definitions) as Record<string, unknown>[]) : [];
    return definitions.map((container) => ({ resource, container }));
  });
}
