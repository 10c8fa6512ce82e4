/** ECS container definitions (the JSON `containerDefinitions` of a task definition). */
import type { ContainerHealthCheck } from "../limits/health-check";

export interface MountPoint {
  readonly sourceVolume: string;
  readonly containerPath: string;
}

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly port?: number;
  /** The port mapping's name: Service Connect serves the port under it. @default - unnamed */
  readonly portName?: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  /** Variable name → SSM parameter or Secrets Manager ARN. */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly user?: string;
  readonly readonlyRootFilesystem: boolean;
  readonly stopTimeoutSeconds?: number;
  readonly healthCheck?: ContainerHealthCheck;
  readonly mountPoints?: readonly MountPoint[];
  readonly dependsOn?: readonly { readonly containerName: string; readonly condition: string }[];
}

export interface LogTarget {
  readonly group: string;
  readonly region: string;
}

/** One container definition, with sorted variables so that unchanged input gives unchanged JSON. */
export function containerDefinition(spec: ContainerSpec, logs: LogTarget): Record<string, unknown> {
  const sorted = (record: Readonly<Record<string, string>> | undefined) => Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return {
    name: spec.name,
    image: spec.image,
    essential: spec.essential,
    // Undefined members (no cpu, memory or stopTimeout given) vanish in the task definition's JSON.
    cpu: spec.cpu,
    memory: spec.memoryMiB,
    ...(spec.port !== undefined ? { portMappings: [{ ...(spec.portName ? { name: spec.portName } : {}), containerPort: spec.port, protocol: "tcp" }] } : {}),
    ...(spec.entrypoint ? { entryPoint: [...spec.entrypoint] } : {}),
    ...(spec.command ? { command: [...spec.command] } : {}),
    environment: sorted(spec.environment).map(([name, value]) => ({ name, value })),
    secrets: sorted(spec.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
    ...(spec.user ? { user: spec.user } : {}),
    readonlyRootFilesystem: spec.readonlyRootFilesystem,
    privileged: false,
    stopTimeout: spec.stopTimeoutSeconds,
    // An init process reaps zombies and forwards signals; ECS Exec relies on it too.
    linuxParameters: { initProcessEnabled: true },
    mountPoints: (spec.mountPoints ?? []).map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: false })),
    ...(spec.healthCheck
      ? {
          healthCheck: {
            command: [...spec.healthCheck.command],
            interval: spec.healthCheck.intervalSeconds,
            timeout: spec.healthCheck.timeoutSeconds,
            retries: spec.healthCheck.retries,
            startPeriod: spec.healthCheck.startPeriodSeconds,
          },
        }
      : {}),
    ...(spec.dependsOn && spec.dependsOn.length > 0 ? { dependsOn: spec.dependsOn.map((d) => ({ ...d })) } : {}),
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": logs.group,
        "awslogs-region": logs.region,
        // Required on Fargate; streams are <prefix>/<container>/<task id>.
        "awslogs-stream-prefix": "ecs",
        // Explicit: a full log buffer drops lines instead of blocking the app.
        mode: "non-blocking",
        "max-buffer-size": "25m",
      },
    },
  };
}
