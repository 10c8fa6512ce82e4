/** The targets `berth init --target` offers: one, or both (its own module: the command line reads it without loading the spec's schema). */
export const INIT_TARGETS = ["fargate", "ec2", "both"] as const;
export type InitTarget = (typeof INIT_TARGETS)[number];
