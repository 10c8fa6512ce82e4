import { resolved } from "../../helpers";

// Defaults that only target stacks read are asserted on their synthesized JSON in those stacks'
// tests; here each one is checked where it is resolved.
describe("resolveConfig defaults", () => {
  it("stage: dev", () => expect(resolved().stage).toBe("dev"));
  it("image.dockerfile: Dockerfile", () => expect(resolved().image.build?.dockerfile).toBe("Dockerfile"));
  it("image.buildArgs: none", () => expect(resolved().image.build?.buildArgs).toEqual({}));
  it("image.target: the last stage (unset)", () => expect(resolved().image.build?.target).toBeUndefined());
  it("image.platform: linux/amd64", () => expect(resolved().image.platform).toBe("linux/amd64"));
  it("command: the image's CMD (unset)", () => expect(resolved().command).toBeUndefined());
  it("environment and secrets: none", () => expect([resolved().environment, resolved().secrets]).toEqual([{}, {}]));
  it("volumes: none", () => expect(resolved().volumes).toEqual([]));
  it("tags: none", () => expect(resolved().tags).toEqual({}));
  it("state: local (unset)", () => expect(resolved().state).toBeUndefined());
  it("healthCheck: / every 10 s, 5 s timeout, healthy after 2, unhealthy after 3, 30 s grace (dev)", () => {
    expect(resolved().healthCheck).toEqual({
      path: "/",
      intervalSeconds: 10,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      gracePeriodSeconds: 30,
    });
  });
  it("registry: untagged images expire after 3 days; no customer-managed key", () => {
    expect(resolved().registry).toMatchObject({ untaggedExpiryDays: 3, kmsKeyArn: undefined });
  });
});

describe("stage presets", () => {
  it.each([
    ["cpu", 256, 512],
    ["memoryMiB", 512, 1024],
    ["desiredCount", 1, 2],
    ["logRetentionDays", 14, 90],
  ] as const)("%s: %d in dev, %d in prod", (field, dev, prod) => {
    expect([resolved()[field], resolved({ stage: "prod" })[field]]).toEqual([dev, prod]);
  });

  it("health check grace: 30 s in dev, 60 s in prod", () => {
    expect([resolved().healthCheck.gracePeriodSeconds, resolved({ stage: "prod" }).healthCheck.gracePeriodSeconds]).toEqual([30, 60]);
  });

  it("registry: keeps 20 images and force-deletes in dev; keeps 100 and protects in prod", () => {
    expect([resolved().registry, resolved({ stage: "prod" }).registry]).toMatchObject([
      { keepImages: 20, forceDelete: true },
      { keepImages: 100, forceDelete: false },
    ]);
  });

  it("a value written in the spec wins over the preset", () => {
    expect(resolved({ stage: "prod", cpu: 1024, memoryMiB: 2048, desiredCount: 3, healthCheck: { gracePeriodSeconds: 5 } })).toMatchObject({
      cpu: 1024,
      desiredCount: 3,
      healthCheck: { gracePeriodSeconds: 5 },
    });
  });
});
