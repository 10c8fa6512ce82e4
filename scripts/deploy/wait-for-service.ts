import { DescribeServicesCommand, type Deployment, type ECSClient, type Service } from "@aws-sdk/client-ecs";
import { BerthError } from "../../stacks/errors";
import { awsError } from "../aws/errors";
import type { Progress } from "../cli/progress";

export interface ServiceToWaitFor {
  readonly cluster: string;
  readonly service: string;
  readonly region: string;
  /** When the deploy started: service events from then on are shown. */
  readonly since: Date;
  readonly timeoutMs: number;
  /** Between polls. @default 15000 (as the SDK's ServicesStable waiter) */
  readonly pollMs?: number;
}

export interface WaitDeps {
  readonly progress: Progress;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
}

export interface StableService {
  readonly taskDefinition: string;
  readonly runningCount: number;
  readonly desiredCount: number;
}

/**
 * Waits until an ECS service is stable, printing its progress (deployment state, running/desired
 * tasks, new service events). Stable is the SDK ServicesStable waiter's condition (one deployment,
 * running = desired) and, with the circuit breaker, a COMPLETED rollout. A deployment whose
 * rollout FAILED means the circuit breaker rolled the service back: that is a failure, even though
 * the service is then stable again on its previous task definition.
 */
export async function waitForServiceStable(target: ServiceToWaitFor, ecs: ECSClient, deps: WaitDeps): Promise<StableService> {
  const now = deps.now ?? Date.now;
  const deadline = now() + target.timeoutMs;
  const name = `${target.cluster}/${target.service}`;
  const seen = new Set<string>();
  const recent: string[] = [];
  let lastState = "";
  for (;;) {
    const service = await describe(ecs, target);
    for (const event of newEvents(service, target.since, seen)) {
      recent.push(event);
      deps.progress.line(`  ecs: ${event}`);
    }
    const deployments = service.deployments ?? [];
    const primary = deployments.find((d) => d.status === "PRIMARY");
    const state = describeState(service, primary, deployments.length);
    if (state !== lastState) deps.progress.line(`  ecs ${name}: ${state}`);
    lastState = state;

    const failed = deployments.find((d) => d.rolloutState === "FAILED");
    if (failed) {
      throw new BerthError(
        `ECS rolled back the deployment of ${name}: deployment ${failed.id} FAILED (${failed.rolloutStateReason ?? "no reason given"}).\n` +
          "The circuit breaker returned the service to its previous task definition: the new version did not become healthy.\n" +
          lastEvents(recent) +
          "Read the stopped tasks' reasons and the app's logs, fix the app, and run berth deploy again.",
      );
    }
    const stable = deployments.length === 1 && primary !== undefined && primary.rolloutState !== "IN_PROGRESS" && service.runningCount === service.desiredCount;
    if (stable) return { taskDefinition: primary.taskDefinition ?? "", runningCount: service.runningCount ?? 0, desiredCount: service.desiredCount ?? 0 };
    if (now() >= deadline) {
      throw new BerthError(
        `ECS service ${name} did not become stable within ${Math.round(target.timeoutMs / 1000)} s: ${state}.\n` +
          lastEvents(recent) +
          "The deployment may still finish: check the service's events and task logs; berth deploy --wait-timeout <seconds> waits longer.",
      );
    }
    await deps.sleep(target.pollMs ?? 15000);
  }
}

async function describe(ecs: ECSClient, target: ServiceToWaitFor): Promise<Service> {
  let out;
  try {
    out = await ecs.send(new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }));
  } catch (error) {
    throw awsError(error, { service: "ECS", operation: "DescribeServices", subject: `${target.cluster}/${target.service}`, region: target.region });
  }
  const service = out.services?.[0];
  if (!service || service.status !== "ACTIVE") {
    const why = out.failures?.[0]?.reason ?? service?.status ?? "MISSING";
    throw new BerthError(
      `ECS service ${target.service} in cluster ${target.cluster} (${target.region}) is not active (${why}) after the stack was applied.\n` +
        "Check the fargate stack's outputs and the ECS console, then run berth deploy again.",
    );
  }
  return service;
}

function describeState(service: Service, primary: Deployment | undefined, deployments: number): string {
  const rollout = primary ? `deployment ${primary.id} ${primary.rolloutState ?? primary.status}` : "no primary deployment";
  const others = deployments > 1 ? `, ${deployments - 1} older deployment${deployments > 2 ? "s" : ""} draining` : "";
  const failed = primary?.failedTasks ? `, ${primary.failedTasks} failed` : "";
  return `${rollout}${others}; running ${service.runningCount ?? 0}/${service.desiredCount ?? 0}, pending ${service.pendingCount ?? 0}${failed}`;
}

/** Events since `since` not shown yet, oldest first (ECS lists them newest first). */
function newEvents(service: Service, since: Date, seen: Set<string>): string[] {
  const fresh = (service.events ?? []).filter((e) => e.id && !seen.has(e.id) && (e.createdAt?.getTime() ?? 0) >= since.getTime());
  for (const e of fresh) seen.add(e.id!);
  return fresh.reverse().map((e) => `${e.createdAt!.toISOString()} ${e.message ?? ""}`);
}

function lastEvents(events: readonly string[]): string {
  return events.length > 0 ? `Last service events:\n${events.slice(-5).map((e) => `  ${e}`).join("\n")}\n` : "";
}
