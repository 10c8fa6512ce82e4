import type { Range } from "./rule";

/*
 * ECR lifecycle rules take a countNumber that must be a positive integer (ECR User Guide,
 * lifecycle_policy_parameters.html); UNCONFIRMED: no upper bound was found. The upper bounds below
 * are berth's own choices.
 */

/**
 * Days after push that an untagged image expires (countType sinceImagePushed). berth's choice:
 * at most 3650 (ten years), the wider of the two copies that had drifted (365 in the spec), so
 * that no value a library user could write before is refused now.
 */
export const UNTAGGED_EXPIRY_DAYS: Range = { min: 1, max: 3650, unit: "days" };

/** Most recent images each repository keeps (countType imageCountMoreThan). berth's choice: at most 10000. */
export const KEEP_IMAGES: Range = { min: 1, max: 10000 };
