import { DescribeServicesCommand, ECSClient, type Service } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { waitForServiceStable } from "../../../scripts/deploy/wait-for-service";
import { recordingProgress, rejectionOf } from "../images/support/fixtures";

const SINCE = new Date("2026-11-27T12:00:00Z");
const at = (seconds: number) => new Date(SINCE.getTime() + seconds * 1000);

function service(overrides: Partial<Service> = {}): Service {
  return {
    status: "ACTIVE",
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    deployments: [{ id: "ecs-svc/2", status: "PRIMARY", rolloutState: "COMPLETED", taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-dev:7" }],
    events: [],
    ...overrides,
  };
}
const inProgress = service({
  runningCount: 1,
  pendingCount: 1,
  deployments: [
    { id: "ecs-svc/2", status: "PRIMARY", rolloutState: "IN_PROGRESS", taskDefinition: "td:7" },
    { id: "ecs-svc/1", status: "ACTIVE", rolloutState: "COMPLETED", taskDefinition: "td:6" },
  ],
  events: [
    { id: "e2", createdAt: at(5), message: "(service shop-dev) has started 1 tasks: (task abc)." },
    { id: "e0", createdAt: at(-600), message: "(service shop-dev) has reached a steady state." },
  ],
});

function wait(answers: Service[], options: { timeoutMs?: number } = {}) {
  const ecs = mockClient(ECSClient);
  // Like the real API, the fake answers only what it knows; a poll past the prepared answers fails the test.
  ecs.onAnyCommand().rejects(new Error("the ECS fake answers only DescribeServices"));
  const command = ecs.on(DescribeServicesCommand);
  for (const answer of answers) command.resolvesOnce({ services: [answer] });
  command.rejects(new Error(`DescribeServices called more than the ${answers.length} times the test prepared`));
  const progress = recordingProgress();
  let now = 0;
  const sleeps: number[] = [];
  const promise = waitForServiceStable(
    { cluster: "shop-dev", service: "shop-dev", region: "eu-west-1", since: SINCE, timeoutMs: options.timeoutMs ?? 600000, pollMs: 15000 },
    new ECSClient({ region: "eu-west-1" }),
    { progress, sleep: async (ms) => void (sleeps.push(ms), (now += ms)), now: () => now },
  );
  return { promise, progress, ecs, sleeps };
}

describe("waitForServiceStable", () => {
  it("reports deployment state, running/desired and new events until the service is stable", async () => {
    const w = wait([inProgress, service()]);
    await w.promise;
    expect(w.progress.lines).toEqual([
      "  ecs: 2026-11-27T12:00:05.000Z (service shop-dev) has started 1 tasks: (task abc).",
      "  ecs shop-dev/shop-dev: deployment ecs-svc/2 IN_PROGRESS, 1 older deployment draining; running 1/2, pending 1",
      "  ecs shop-dev/shop-dev: deployment ecs-svc/2 COMPLETED; running 2/2, pending 0",
    ]);
  });

  it("returns the stable task definition and counts", async () => {
    expect(await wait([service()]).promise).toEqual({ taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-dev:7", runningCount: 2, desiredCount: 2 });
  });

  it("fails when the circuit breaker rolled the deployment back (rolloutState FAILED)", async () => {
    const rolledBack = service({
      deployments: [
        { id: "ecs-svc/3", status: "PRIMARY", rolloutState: "IN_PROGRESS", taskDefinition: "td:6" },
        { id: "ecs-svc/2", status: "ACTIVE", rolloutState: "FAILED", rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.", taskDefinition: "td:7" },
      ],
      events: [{ id: "e3", createdAt: at(60), message: "(service shop-dev) (deployment ecs-svc/2) deployment failed: tasks failed to start." }],
    });
    expect(await rejectionOf(wait([inProgress, rolledBack]).promise)).toBe(
      "ECS rolled back the deployment of shop-dev/shop-dev: deployment ecs-svc/2 FAILED (ECS deployment circuit breaker: tasks failed to start.).\n" +
        "The circuit breaker returned the service to its previous task definition: the new version did not become healthy.\n" +
        "Last service events:\n" +
        "  2026-11-27T12:00:05.000Z (service shop-dev) has started 1 tasks: (task abc).\n" +
        "  2026-11-27T12:01:00.000Z (service shop-dev) (deployment ecs-svc/2) deployment failed: tasks failed to start.\n" +
        "Read the stopped tasks' reasons and the app's logs, fix the app, and run berth deploy again.",
    );
  });

  it("gives up after the timeout with the last state", async () => {
    const message = await rejectionOf(wait([inProgress, inProgress, inProgress], { timeoutMs: 30000 }).promise);
    expect(message.split("\n")[0]).toBe(
      "ECS service shop-dev/shop-dev did not become stable within 30 s: deployment ecs-svc/2 IN_PROGRESS, 1 older deployment draining; running 1/2, pending 1.",
    );
  });

  it("sleeps pollMs (15000 ms here) between two DescribeServices calls, and not after the stable answer", async () => {
    const w = wait([inProgress, inProgress, service()]);
    await w.promise;
    expect(w.sleeps).toEqual([15000, 15000]);
  });

  it("asks DescribeServices once per poll until the service is stable (3 answers, 3 calls)", async () => {
    const w = wait([inProgress, inProgress, service()]);
    await w.promise;
    expect(w.ecs.commandCalls(DescribeServicesCommand).length).toBe(3);
  });

  it("fails when the service is missing", async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ reason: "MISSING" }] });
    const message = await rejectionOf(
      waitForServiceStable(
        { cluster: "shop-dev", service: "shop-dev", region: "eu-west-1", since: SINCE, timeoutMs: 1000 },
        new ECSClient({ region: "eu-west-1" }),
        { progress: recordingProgress(), sleep: async () => undefined },
      ),
    );
    expect(message.split("\n")[0]).toBe("ECS service shop-dev in cluster shop-dev (eu-west-1) is not active (MISSING) after the stack was applied.");
  });
});
