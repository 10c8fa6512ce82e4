import type { Range } from "./rule";

/**
 * Fargate Linux task sizes: CPU units → allowed memory (MiB) (ECS Developer Guide, task definition
 * parameters, "Task size"; shared/aws-facts.md §5).
 */
const GIB = 1024;

function range(fromGiB: number, toGiB: number, stepGiB: number): number[] {
  const out: number[] = [];
  for (let g = fromGiB; g <= toGiB; g += stepGiB) out.push(g * GIB);
  return out;
}

export const FARGATE_TASK_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1, 4, 1)],
  [1024, range(2, 8, 1)],
  [2048, range(4, 16, 1)],
  [4096, range(8, 30, 1)],
  [8192, range(16, 60, 4)],
  [16384, range(32, 120, 8)],
]);

/** Why `cpu`/`memoryMiB` is not a Fargate task size, or undefined when it is one. */
export function fargateSizeProblem(cpu: number, memoryMiB: number): string | undefined {
  const memories = FARGATE_TASK_SIZES.get(cpu);
  if (!memories) {
    return `cpu ${cpu} is not a Fargate task size: use one of ${[...FARGATE_TASK_SIZES.keys()].join(", ")} CPU units`;
  }
  if (!memories.includes(memoryMiB)) {
    return `memoryMiB ${memoryMiB} does not fit cpu ${cpu} on Fargate: with cpu ${cpu} use one of ${describe(memories)} MiB`;
  }
  return undefined;
}

function describe(memories: readonly number[]): string {
  if (memories.length <= 4) return memories.join(", ");
  const step = memories[1]! - memories[0]!;
  return `${memories[0]} to ${memories.at(-1)} in steps of ${step}`;
}

/** Task ephemeral storage beyond the free 20 GiB: 21-200 GiB (ECS API Reference, EphemeralStorage). */
export const EPHEMERAL_STORAGE_GIB: Range = { min: 21, max: 200, unit: "GiB" };

/**
 * A container's stopTimeout on Fargate: at most 120 s (ECS API Reference, ContainerDefinition).
 * UNCONFIRMED: AWS states no minimum; 2 s keeps SIGTERM meaningful and is the safe side.
 */
export const STOP_TIMEOUT: Range = { min: 2, max: 120, unit: "seconds" };

/**
 * The task's cpu and memoryMiB before the task-size check: at most the largest Fargate task,
 * 16384 CPU units and 120 GB = 122880 MiB (ECS Developer Guide, task size). The minimum 128 is
 * berth's own choice, a sieve below the smallest size (256 CPU units, 512 MiB).
 */
export const TASK_CPU: Range = { min: 128, max: 16384, unit: "CPU units" };
export const TASK_MEMORY_MIB: Range = { min: 128, max: 122880, unit: "MiB" };

/**
 * A sidecar's cpu: 0 (no reservation) up to the largest Fargate task's 16384 CPU units (ECS API
 * Reference, ContainerDefinition cpu; ECS Developer Guide, task size).
 */
export const CONTAINER_CPU: Range = { min: 0, max: 16384, unit: "CPU units" };

/**
 * A sidecar's memoryMiB: at least 6 MiB, which Docker 20.10.0 and later reserves for a container
 * (ECS API Reference, ContainerDefinition memory), at most the largest Fargate task's 122880 MiB.
 */
export const CONTAINER_MEMORY_MIB: Range = { min: 6, max: 122880, unit: "MiB" };
