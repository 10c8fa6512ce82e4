import type { Range } from "./rule";
import { HEALTH_CHECK_GRACE_PERIOD } from "./deployment";

/*
 * Limits of berth's EC2 host: none is AWS's. The update script (scripts/update.ts) polls the app
 * with curl and docker compose stops the containers.
 */

/**
 * Ranges of berth's own health probe on the host: not an AWS limit, so wider than a target
 * group's.
 */
export const HOST_PROBE = {
  intervalSeconds: { min: 1, max: 300, unit: "seconds" },
  timeoutSeconds: { min: 1, max: 120, unit: "seconds" },
  healthyThreshold: { min: 1, max: 10 },
  gracePeriodSeconds: HEALTH_CHECK_GRACE_PERIOD,
} as const satisfies Record<string, Range>;

/**
 * Seconds an update waits for the new release to become healthy before rolling back. berth's
 * choice: 30-3600. Of the two copies that had drifted (10 in the construct), 30 is the safer
 * minimum: pulling and starting a release and passing its health checks takes longer than 10 s,
 * so a shorter timeout rolls healthy releases back.
 */
export const UPDATE_TIMEOUT: Range = { min: 30, max: 3600, unit: "seconds" };

/** docker compose stop_grace_period: berth's choice, 1-3600 (compose states no limit). */
export const STOP_GRACE_PERIOD: Range = { min: 1, max: 3600, unit: "seconds" };
