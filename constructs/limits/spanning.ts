/**
 * Limits that span several fields or count what berth adds itself (shared/aws-facts.md §9).
 */

/** A task definition may be at most 64 KiB (ECS service quotas; aws-facts.md §9). */
export const TASK_DEFINITION_MAX_BYTES = 65536;

/**
 * What berth writes into a container definition besides the spec's values (name, image reference,
 * port mapping, log configuration, mount points, health check, Terraform's JSON keys): a generous
 * estimate, so that a spec near the limit is refused rather than failing at apply.
 */
export const CONTAINER_DEFINITION_OVERHEAD_BYTES = 2048;

/** At most 50 user tags per resource; provider default_tags count toward them (aws-facts.md §9). */
export const TAGS_PER_RESOURCE_MAX = 50;

/** Tag keys berth sets itself: default_tags on every resource, and `Name` on many. */
export const BERTH_TAG_KEYS = ["berth:app", "berth:stage", "Name"] as const;

/**
 * What fits in the EC2 host's deploy association parameters (the release, base64): an SSM document
 * may be at most 64 KB and "this quota also includes the content specified for input parameters at
 * runtime" (SSM CreateDocument API; aws-facts.md §4); berth's deploy document takes the rest.
 */
export const RELEASE_PARAMETERS_LIMIT_BYTES = 40000;
