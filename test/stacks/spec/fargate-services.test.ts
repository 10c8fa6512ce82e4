import { resolveConfig } from "../../../stacks/spec/resolve";
import { specWarnings } from "../../../stacks/spec/warnings";
import { validateConfig } from "../../../stacks/spec/validate";
import { CERTIFICATE_ARN, problemsOf } from "../../helpers";

/**
 * A spec of several services on the fargate target (docs/services.md): each service an ECS service
 * of its own. Each rule's message is asserted whole.
 */

const APP = { app: "shop", region: "eu-west-1", targets: ["fargate"], fargate: { https: { certificateArn: CERTIFICATE_ARN } } };
const WEB = { image: { context: "./web" }, port: 8080, expose: "public" };
const DB = { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432, expose: "internal", volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }] };
const WORKER = { image: { context: "./web" }, command: ["worker"] };
const spec = (services: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ ...APP, services, ...more });
const resolved = (input: Record<string, unknown>) => resolveConfig(validateConfig(input, "x"), "/work/app");

describe("a spec of several services on the fargate target", () => {
  it("is accepted with a public service, a database with a volume and a worker", () => {
    const db = { ...DB, containerHealthCheck: { command: ["CMD", "pg_isready"] } };
    expect(problemsOf(spec({ web: { ...WEB, dependsOn: { db: "healthy" } }, db, worker: { ...WORKER, dependsOn: { db: "started" } } }))).toEqual([]);
  });

  it("runs a service with a volume other than the public one as one task by default, in prod too (the prod preset's desiredCount is 2)", () => {
    const config = resolved(spec({ web: WEB, db: DB }, { stage: "prod" }));
    expect(config.services.map((s) => [s.name, s.desiredCount])).toEqual([
      ["web", 2],
      ["db", 1],
    ]);
  });

  it("keeps the stage's desiredCount for a service other than the public one without a volume (2 in prod)", () => {
    const config = resolved(spec({ web: WEB, worker: WORKER }, { stage: "prod" }));
    expect(config.services.map((s) => [s.name, s.desiredCount])).toEqual([
      ["web", 2],
      ["worker", 2],
    ]);
  });

  it("keeps the stage's desiredCount for the public service with a volume (2 in prod: its tasks share the EFS volume)", () => {
    const uploads = [{ name: "uploads", path: "/srv/uploads" }];
    expect(resolved(spec({ web: { ...WEB, volumes: uploads } }, { stage: "prod" })).services[0]!.desiredCount).toBe(2);
  });

  it("warns that a service with a volume other than the public one is stateful, recommending a managed database", () => {
    expect(specWarnings(resolved(spec({ web: WEB, db: DB })))).toContainEqual({
      path: "services.db.volumes",
      message:
        "makes db a stateful service: on the fargate target it runs as one task on EFS, stopped before its replacement starts at every deployment (a short outage), with no failover; for a database in production, use a managed one such as Amazon RDS and pass its address as a secret",
    });
  });
});

describe("a spec of several services on the fargate target is refused", () => {
  it("when a service with a volume other than the public one asks for 2 tasks", () => {
    expect(problemsOf(spec({ web: WEB, db: { ...DB, desiredCount: 2 } }))).toEqual([
      "services.db.desiredCount: is 2 but db mounts a volume: on the fargate target a service with a volume runs exactly one task, replaced by stopping it before the next starts, so that two copies never write its files at once; set desiredCount to 1 (for a database in production, a managed one such as Amazon RDS scales and fails over instead) (got 2)",
    ]);
  });

  it('when a service waits for another to complete (a one-shot job), which ECS cannot run as a service', () => {
    expect(problemsOf(spec({ web: { ...WEB, dependsOn: { migrate: "completed" } }, migrate: { ...WORKER, command: ["migrate"] } }))).toEqual([
      'services.web.dependsOn.migrate: is "completed", but the fargate target runs migrate as an ECS service, whose task ECS restarts when it exits, and no ECS service waits for another\'s task to finish: run the job before the public service\'s app container as a fargate.sidecars entry with startCondition "SUCCESS", or deploy to the ec2 target, which runs it once per release (got "completed")',
    ]);
  });

  it("when two services mount one volume, which on Fargate would be two EFS file systems", () => {
    const uploads = { name: "uploads", path: "/srv/uploads" };
    expect(problemsOf(spec({ web: { ...WEB, volumes: [uploads] }, worker: { ...WORKER, volumes: [uploads] } }))).toEqual([
      'services.worker.volumes[0].name: is "uploads", which services.web mounts too: on the fargate target each service\'s volumes are an EFS file system of its own, so two services cannot share one; give each service its own volume and pass data through a service (a database) or S3, or deploy to the ec2 target, where services share a volume on the host (got "uploads")',
    ]);
  });

  it("when a service other than the public one has a cpu that is no Fargate task size", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, cpu: 300 } }))).toEqual([
      "services.worker.cpu: cpu 300 is not a Fargate task size: use one of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units (ECS Developer Guide, task size); the fargate target runs only these sizes (got 300)",
    ]);
  });

  it("when a service other than the public one has a memory that does not fit its cpu", () => {
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, cpu: 256, memoryMiB: 4096 } }))).toEqual([
      "services.worker.memoryMiB: memoryMiB 4096 does not fit cpu 256 on Fargate: with cpu 256 use one of 512, 1024, 2048 MiB (ECS Developer Guide, task size); the fargate target runs only these sizes (got 4096)",
    ]);
  });

  it("when a service's volume path is one of fargate.writablePaths, which every service's container gets", () => {
    expect(problemsOf(spec({ web: WEB, db: { ...DB, volumes: [{ name: "db-data", path: "/tmp" }] } }))).toEqual([
      "services.db.volumes[0].path: is also one of fargate.writablePaths (/tmp), which every service's container gets: a path is either a scratch path or a volume; mount the volume elsewhere, or set fargate.writablePaths without it (got \"/tmp\")",
    ]);
  });

  it("when a stateless service's deployment has no room under the app's minimum and maximum percent", () => {
    expect(problemsOf(spec({ web: { ...WEB, desiredCount: 2 }, worker: { ...WORKER, desiredCount: 1 } }, { fargate: { https: { certificateArn: CERTIFICATE_ARN }, minHealthyPercent: 100, maxPercent: 100 } }))).toEqual([
      "fargate.maxPercent: leaves a deployment no room with desiredCount 2 and fargate.minHealthyPercent 100: ECS may neither start an extra task (at most 2 running) nor stop one (at least 2 running); raise fargate.maxPercent (e.g. 200) or lower fargate.minHealthyPercent (got 100)",
      "services.worker.desiredCount: leaves a deployment no room with fargate.minHealthyPercent 100 and fargate.maxPercent 100: ECS may neither start an extra task (at most 1 running) nor stop one (at least 1 running); change desiredCount, raise fargate.maxPercent (e.g. 200) or lower fargate.minHealthyPercent (got 1)",
    ]);
  });

  it("at the largest field of a service whose task definition outgrows ECS's limit", () => {
    const environment = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`VALUE_${i}`, "x".repeat(1000)]));
    // 70 values of 1000 characters: over the 65536 bytes ECS takes for a task definition (ECS service quotas).
    expect(problemsOf(spec({ web: WEB, worker: { ...WORKER, environment } }))[0]).toMatch(
      /^services\.worker\.environment: makes the task definition about \d+ bytes \(this field \d+, berth's own 2048 per container\), more than the 65536 ECS accepts \(ECS service quotas, task definition size\); move large values into SSM parameters and list them under secrets/,
    );
  });
});
