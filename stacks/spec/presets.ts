/**
 * The app-wide defaults, in one table: where dev and prod differ, a value per stage; elsewhere one
 * value. A value the user wrote always wins. Each target's own defaults live in its folder
 * (stacks/targets/<id>/resolve.ts), in a table of the same shape.
 */

export const STAGES = ["dev", "prod"] as const;
export type Stage = (typeof STAGES)[number];

/** A default that differs between stages. */
export type ByStage<T> = { readonly [S in Stage]: T };

export const DEFAULTS = {
  stage: "dev",
  image: { dockerfile: "Dockerfile", platform: "linux/amd64" },
  cpu: { dev: 256, prod: 512 },
  memoryMiB: { dev: 512, prod: 1024 },
  desiredCount: { dev: 1, prod: 2 },
  logRetentionDays: { dev: 14, prod: 90 },
  healthCheck: {
    path: "/",
    intervalSeconds: 10,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
    gracePeriodSeconds: { dev: 30, prod: 60 },
  },
  /** ECS's own defaults (ECS API Reference, HealthCheck), written out so that both targets run the same check. */
  containerHealthCheck: { intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 },
  volume: { uid: 1000, gid: 1000 },
  registry: { untaggedExpiryDays: 3, keepImages: { dev: 20, prod: 100 }, forceDelete: { dev: true, prod: false } },
  network: { cidrBlock: "10.0.0.0/16", azCount: 2, natGateways: { dev: "single", prod: "perAz" }, vpcEndpoints: false },
  /** Who may reach the app, on every target. */
  ingressCidrs: ["0.0.0.0/0"],
} as const satisfies Record<string, unknown>;
