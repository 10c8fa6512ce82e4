import { deploymentDeadlock } from "../../../constructs/limits/deployment";

/**
 * A rolling ECS deployment keeps at least ceil(desired × minimumHealthyPercent / 100) tasks running
 * and runs at most floor(desired × maximumPercent / 100) (ECS Developer Guide, deployment-type-ecs.html):
 * when neither bound leaves room to stop or start one task, it never progresses. The counts below
 * are worked out by hand from that rule.
 */
describe("a deployment left no room by minHealthyPercent and maxPercent", () => {
  it("is reported for 2 tasks at 100 % / 100 %: at most 2 and at least 2 running", () => {
    expect(deploymentDeadlock(2, 100, 100)).toEqual({ atMost: 2, atLeast: 2 });
  });

  it("is not reported for 2 tasks at 50 % / 100 %: one task may stop (at least 1)", () => {
    expect(deploymentDeadlock(2, 50, 100)).toBeUndefined();
  });

  it("is not reported for 2 tasks at 100 % / 150 %: one more task may start (at most 3)", () => {
    expect(deploymentDeadlock(2, 100, 150)).toBeUndefined();
  });

  it("is reported for 3 tasks at 67 % / 100 %: at least ceil(2.01) = 3", () => {
    expect(deploymentDeadlock(3, 67, 100)).toEqual({ atMost: 3, atLeast: 3 });
  });

  it("is not reported for 3 tasks at 66 % / 100 %: at least ceil(1.98) = 2", () => {
    expect(deploymentDeadlock(3, 66, 100)).toBeUndefined();
  });

  it("is reported for 3 tasks at 100 % / 133 %: at most floor(3.99) = 3", () => {
    expect(deploymentDeadlock(3, 100, 133)).toEqual({ atMost: 3, atLeast: 3 });
  });

  it("is not reported for 3 tasks at 100 % / 134 %: at most floor(4.02) = 4", () => {
    expect(deploymentDeadlock(3, 100, 134)).toBeUndefined();
  });

  it("is not reported for 0 tasks, which have nothing to replace", () => {
    expect(deploymentDeadlock(0, 100, 100)).toBeUndefined();
  });
});
