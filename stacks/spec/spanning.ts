import type * as z from "zod";
import { BERTH_TAG_KEYS, TAGS_PER_RESOURCE_MAX } from "../../constructs/limits/spanning";
import { TARGET_DEFINITIONS } from "../targets";
import { issue } from "./issue";
import { resolveConfig } from "./resolve";
import type { BerthConfig } from "./schema";
import type { SpecConfig } from "./validate";

/**
 * Checks that need several fields or a stage default, run on the spec with its preset applied and
 * reported at the spec's own field paths; `spec` is the single-service form (of the public service,
 * for a services spec, which is `written`). Access-logs buckets are not checked for region: a bucket
 * name does not say its region (see docs/spec.md).
 */
export function spanningChecks(spec: BerthConfig, ctx: z.RefinementCtx, written: SpecConfig = spec): void {
  // Only on a spec whose fields are valid: defaults are applied to them. Other problems come first.
  if (ctx.issues.length > 0) return;
  const r = resolveConfig(written, ".");
  const userTags = Object.keys(r.tags);
  for (const key of userTags) {
    if ((BERTH_TAG_KEYS as readonly string[]).includes(key)) {
      issue(ctx, ["tags", key], `is a tag key berth sets itself (${BERTH_TAG_KEYS.join(", ")}): yours would replace berth's; choose another key`);
    }
  }
  const ownTags = BERTH_TAG_KEYS.length;
  if (userTags.length + ownTags > TAGS_PER_RESOURCE_MAX) {
    issue(ctx, ["tags"], `has ${userTags.length} tags; with berth's own ${ownTags} (${BERTH_TAG_KEYS.join(", ")}) a resource may carry at most ${TAGS_PER_RESOURCE_MAX} (Tagging AWS Resources guide), so give at most ${TAGS_PER_RESOURCE_MAX - ownTags}`);
  }
  const kmsRegion = r.registry.kmsKeyArn?.split(":")[3];
  if (kmsRegion !== undefined && kmsRegion !== r.region) {
    issue(ctx, ["registry", "kmsKeyArn"], `is in region "${kmsRegion}" but the app deploys to "${r.region}": ECR encrypts only with a KMS key in the repository's region (ECR User Guide, encryption-at-rest); use a key in "${r.region}"`);
  }
  for (const target of TARGET_DEFINITIONS) if (r.targets.includes(target.id)) target.checkResolved?.(spec, r, ctx);
}
