import type * as z from "zod";

/** Adds a custom issue at a spec field path. */
export function issue(ctx: z.RefinementCtx, path: readonly (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path: [...path], message });
}

/** `volumes[0].path`, or `(spec)` for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(spec)";
  return path.reduce<string>((out, seg) => (typeof seg === "number" ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg)), "");
}
