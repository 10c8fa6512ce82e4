/** The values CloudWatch Logs accepts for a retention in days (CloudWatch Logs API Reference, PutRetentionPolicy). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const RETENTION_ALLOWED = `a CloudWatch retention in days: ${RETENTION_DAYS.join(", ")}`;

/** "must be a CloudWatch retention …", or undefined. */
export function retentionProblem(days: number): string | undefined {
  return (RETENTION_DAYS as readonly number[]).includes(days) ? undefined : `must be ${RETENTION_ALLOWED}`;
}
