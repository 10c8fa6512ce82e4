import type * as z from "zod";
import { deploymentDeadlock } from "../../../constructs/limits/deployment";
import { FARGATE_TASK_SIZES, fargateSizeProblem } from "../../../constructs/limits/fargate";
import { CONTAINER_DEFINITION_OVERHEAD_BYTES, TASK_DEFINITION_MAX_BYTES } from "../../../constructs/limits/spanning";
import { publicAndOthers } from "../../public-service";
import { issue } from "../../spec/issue";
import type { ResolvedConfig, ResolvedService } from "../../spec/resolve";
import type { BerthConfig } from "../../spec/schema";

/**
 * Fargate checks that need several fields, or a default, reported at the spec field to change, so
 * that a valid spec never reaches a FargateService / LoadBalancer / stack guard. `r` is `spec` with
 * the stage preset applied. Only called when targets includes "fargate".
 */
export function checkFargate(spec: BerthConfig, r: ResolvedConfig, ctx: z.RefinementCtx): void {
  const f = r.fargate;
  const size = fargateSizeProblem(r.cpu, r.memoryMiB);
  if (size !== undefined) {
    // A cpu that is no task size is the cpu's fault; a memory that does not fit a valid cpu is the memory's, if the user wrote it.
    const field = FARGATE_TASK_SIZES.has(r.cpu) && spec.memoryMiB !== undefined ? "memoryMiB" : "cpu";
    const defaults = [spec.cpu === undefined ? `cpu ${r.cpu}` : "", spec.memoryMiB === undefined ? `memoryMiB ${r.memoryMiB}` : ""].filter(Boolean);
    const note = defaults.length > 0 ? ` (${defaults.join(" and ")} from the ${r.stage} preset)` : "";
    issue(ctx, [field], `${size}${note} (ECS Developer Guide, task size); the fargate target runs only these sizes`);
  }

  const deadlock = deploymentDeadlock(r.desiredCount, f.minHealthyPercent, f.maxPercent);
  if (deadlock) {
    issue(
      ctx,
      ["fargate", "maxPercent"],
      `leaves a deployment no room with desiredCount ${r.desiredCount} and fargate.minHealthyPercent ${f.minHealthyPercent}: ECS may neither start an extra task (at most ${deadlock.atMost} running) nor stop one (at least ${deadlock.atLeast} running); raise fargate.maxPercent (e.g. 200) or lower fargate.minHealthyPercent`,
    );
  }
  const scaling = f.autoscaling;
  if (scaling && spec.desiredCount !== undefined && (spec.desiredCount < scaling.minCount || spec.desiredCount > scaling.maxCount)) {
    issue(ctx, ["desiredCount"], `must be within fargate.autoscaling's range, from minCount ${scaling.minCount} to maxCount ${scaling.maxCount}: autoscaling would move it at once; set desiredCount in that range, or leave it out`);
  }
  if (f.capacity.fargate + f.capacity.spot === 0) {
    issue(ctx, ["fargate", "capacity"], "gives FARGATE and FARGATE_SPOT both weight 0: ECS would place no task; give fargate or spot a weight of at least 1");
  }
  if (f.ecsExec && f.readonlyRootFilesystem) {
    issue(ctx, ["fargate", "ecsExec"], "is true but fargate.readonlyRootFilesystem is true: ECS Exec's SSM agent writes to the root filesystem (ECS Developer Guide, ECS Exec); set readonlyRootFilesystem to false, or leave ecsExec off");
  }
  r.volumes.forEach((v, i) => {
    if (f.writablePaths.includes(v.path)) {
      issue(ctx, ["volumes", i, "path"], `is also one of fargate.writablePaths (${f.writablePaths.join(", ")}): a path is either a scratch path or a volume; mount the volume elsewhere, or set fargate.writablePaths without it`);
    }
  });

  networkChecks(r, ctx);
  sidecarSizeChecks(spec, r, ctx);
  containerDefinitionsCheck(r, ctx);
  const { otherServices } = publicAndOthers(r);
  for (const s of otherServices) otherServiceChecks(r, s, ctx);
  for (const s of r.services) oneShotChecks(s, ctx);
  separateVolumesCheck(r, ctx);
  if (f.https.kind === "certificate") {
    const region = f.https.certificateArn.split(":")[3];
    if (region !== r.region) {
      issue(ctx, ["fargate", "https", "certificateArn"], `is in region "${region}" but the app deploys to "${r.region}": a load balancer uses only certificates from its own region (ACM User Guide, "Supported Regions"); request or import the certificate in "${r.region}"`);
    }
  }
}

/** The load balancer needs two AZs; the tasks need private subnets with a way out. */
function networkChecks(r: ResolvedConfig, ctx: z.RefinementCtx): void {
  const n = r.network;
  const twoAzs = "Application Load Balancer needs subnets in at least 2 Availability Zones (ELB User Guide, \"Subnets for your load balancer\")";
  if (n.kind === "new") {
    if (n.azCount < 2) issue(ctx, ["network", "azCount"], `is ${n.azCount} but the fargate target's ${twoAzs}; set network.azCount to 2 or more`);
    if (n.natGateways === "none" && !n.vpcEndpoints) {
      issue(ctx, ["network", "natGateways"], 'is "none" without network.vpcEndpoints: the fargate tasks in the private subnets could neither pull images nor write logs; set network.vpcEndpoints: true, or choose "single" or "perAz"');
    }
    return;
  }
  if (n.privateSubnetIds.length === 0) {
    issue(ctx, ["network", "privateSubnetIds"], "must name the private subnets for the fargate target: its tasks run in private subnets (with a NAT or VPC endpoints for image pulls)");
  }
  const [field, ids] = r.fargate.internal ? (["privateSubnetIds", n.privateSubnetIds] as const) : (["publicSubnetIds", n.publicSubnetIds] as const);
  if (ids.length === 1) {
    issue(ctx, ["network", field], `names 1 subnet but the fargate target's ${twoAzs}; list a subnet in a second AZ`);
  }
}

/** ECS: the containers' cpu may not exceed the task's; their memory must leave room for the app container. */
function sidecarSizeChecks(spec: BerthConfig, r: ResolvedConfig, ctx: z.RefinementCtx): void {
  const sidecars = r.fargate.sidecars;
  const cpu = sidecars.reduce((sum, s) => sum + (s.cpu ?? 0), 0);
  const memory = sidecars.reduce((sum, s) => sum + (s.memoryMiB ?? 0), 0);
  const where = spec.cpu !== undefined ? "cpu" : `the ${r.stage} default cpu`;
  if (cpu > r.cpu) {
    issue(ctx, ["fargate", "sidecars"], `reserve ${cpu} CPU units together, more than the task's ${r.cpu} (${where}): ECS refuses containers whose cpu adds up to more than the task's (ECS API Reference, ContainerDefinition cpu); lower the sidecars' cpu or raise cpu`);
  }
  if (memory >= r.memoryMiB) {
    const whereMem = spec.memoryMiB !== undefined ? "memoryMiB" : `the ${r.stage} default memoryMiB`;
    issue(ctx, ["fargate", "sidecars"], `reserve ${memory} MiB together, leaving nothing of the task's ${r.memoryMiB} MiB (${whereMem}) for the app container (ECS API Reference, ContainerDefinition memory); lower the sidecars' memoryMiB or raise memoryMiB`);
  }
}

type Part = { path: (string | number)[]; bytes: number };
const envBytes = (e: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(e).map(([name, value]) => ({ name, value }))).length;

/** A container's spec fields in its definition, each with its field path (under `at`) and JSON size. */
function serviceParts(s: Pick<ResolvedService, "environment" | "secrets" | "command" | "entrypoint">, at: readonly string[]): Part[] {
  return [
    { path: [...at, "environment"], bytes: envBytes(s.environment) },
    { path: [...at, "secrets"], bytes: JSON.stringify(Object.entries(s.secrets).map(([name, valueFrom]) => ({ name, valueFrom }))).length },
    { path: [...at, "command"], bytes: JSON.stringify(s.command ?? []).length },
    { path: [...at, "entrypoint"], bytes: s.entrypoint ? JSON.stringify(s.entrypoint).length : 0 },
  ];
}

/** The spec's parts of the public service's container definitions (the app container and its sidecars). */
function containerParts(r: ResolvedConfig): Part[] {
  const parts = serviceParts(r, []);
  r.fargate.sidecars.forEach((s, i) => {
    parts.push({ path: ["fargate", "sidecars", i, "environment"], bytes: envBytes(s.environment) });
    parts.push({ path: ["fargate", "sidecars", i, "command"], bytes: JSON.stringify(s.command ?? []).length + s.image.length });
  });
  return parts;
}

function containerDefinitionsCheck(r: ResolvedConfig, ctx: z.RefinementCtx): void {
  taskDefinitionSizeCheck(containerParts(r), 1 + r.fargate.sidecars.length, ctx);
}

function taskDefinitionSizeCheck(parts: readonly Part[], containers: number, ctx: z.RefinementCtx): void {
  const total = parts.reduce((sum, p) => sum + p.bytes, 0) + CONTAINER_DEFINITION_OVERHEAD_BYTES * containers;
  if (total <= TASK_DEFINITION_MAX_BYTES) return;
  const largest = parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  issue(
    ctx,
    largest.path,
    `makes the task definition about ${total} bytes (this field ${largest.bytes}, berth's own ${CONTAINER_DEFINITION_OVERHEAD_BYTES} per container), more than the ${TASK_DEFINITION_MAX_BYTES} ECS accepts (ECS service quotas, task definition size); move large values into SSM parameters and list them under secrets`,
  );
}

/**
 * The checks of a service other than the public one: its own task size, and its deployment. A
 * service with a volume (a database, typically) runs one task, replaced stop-first (minimum 0 %,
 * maximum 100 %): two tasks never write its files at once.
 */
function otherServiceChecks(r: ResolvedConfig, s: ResolvedService, ctx: z.RefinementCtx): void {
  const f = r.fargate;
  const size = fargateSizeProblem(s.cpu, s.memoryMiB);
  if (size !== undefined) {
    issue(ctx, [...s.path, FARGATE_TASK_SIZES.has(s.cpu) ? "memoryMiB" : "cpu"], `${size} (ECS Developer Guide, task size); the fargate target runs only these sizes`);
  }
  if (s.volumes.length > 0 && s.desiredCount !== 1) {
    issue(
      ctx,
      [...s.path, "desiredCount"],
      `is ${s.desiredCount} but ${s.name} mounts a volume: on the fargate target a service with a volume runs exactly one task, replaced by stopping it before the next starts, so that two copies never write its files at once; set desiredCount to 1 (for a database in production, a managed one such as Amazon RDS scales and fails over instead)`,
    );
  } else if (s.volumes.length === 0) {
    const deadlock = deploymentDeadlock(s.desiredCount, f.minHealthyPercent, f.maxPercent);
    if (deadlock) {
      issue(
        ctx,
        [...s.path, "desiredCount"],
        `leaves a deployment no room with fargate.minHealthyPercent ${f.minHealthyPercent} and fargate.maxPercent ${f.maxPercent}: ECS may neither start an extra task (at most ${deadlock.atMost} running) nor stop one (at least ${deadlock.atLeast} running); change desiredCount, raise fargate.maxPercent (e.g. 200) or lower fargate.minHealthyPercent`,
      );
    }
  }
  s.volumes.forEach((v, i) => {
    if (f.writablePaths.includes(v.path)) {
      issue(ctx, [...s.path, "volumes", i, "path"], `is also one of fargate.writablePaths (${f.writablePaths.join(", ")}), which every service's container gets: a path is either a scratch path or a volume; mount the volume elsewhere, or set fargate.writablePaths without it`);
    }
  });
  taskDefinitionSizeCheck(serviceParts(s, s.path), 1, ctx);
}

/**
 * ECS restarts a service's task that exits, so a one-shot job cannot run as a service there, and
 * nothing in ECS waits for another service's task to complete.
 */
function oneShotChecks(s: ResolvedService, ctx: z.RefinementCtx): void {
  for (const [dependency, condition] of Object.entries(s.dependsOn)) {
    if (condition !== "completed") continue;
    issue(
      ctx,
      [...s.path, "dependsOn", dependency],
      `is "completed", but the fargate target runs ${dependency} as an ECS service, whose task ECS restarts when it exits, and no ECS service waits for another's task to finish: run the job before the public service's app container as a fargate.sidecars entry with startCondition "SUCCESS", or deploy to the ec2 target, which runs it once per release`,
    );
  }
}

/** On the fargate target each service's volumes are an EFS file system of its own. */
function separateVolumesCheck(r: ResolvedConfig, ctx: z.RefinementCtx): void {
  const first = new Map<string, string>();
  for (const s of r.services) {
    s.volumes.forEach((v, i) => {
      const owner = first.get(v.name);
      if (owner === undefined) {
        first.set(v.name, s.name);
        return;
      }
      issue(
        ctx,
        [...s.path, "volumes", i, "name"],
        `is "${v.name}", which services.${owner} mounts too: on the fargate target each service's volumes are an EFS file system of its own, so two services cannot share one; give each service its own volume and pass data through a service (a database) or S3, or deploy to the ec2 target, where services share a volume on the host`,
      );
    });
  }
}
