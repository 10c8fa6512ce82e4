import type { z } from "zod";

/** Adds a custom issue at a spec field path. */
export function issue(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}
