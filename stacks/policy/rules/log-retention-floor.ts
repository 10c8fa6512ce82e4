import { DEFAULTS } from "../../spec/presets";
import { resourcesOf, type Rule } from "../types";
import { stageOf } from "./stage";

/** berth's prod preset (stacks/spec/presets.ts): the floor a prod stack should not go below. */
const PROD_FLOOR_DAYS = DEFAULTS.logRetentionDays.prod;

export const logRetentionFloor: Rule = {
  id: "log-retention-floor",
  severity: "warning",
  checkov: [],
  // CloudWatch.16 asks for at least 365 days; this rule's floor is berth's prod preset (90), so it covers part of it.
  securityHub: ["CloudWatch.16"],
  title: `Prod log groups keep logs at least ${PROD_FLOOR_DAYS} days`,
  why: "Short retention in prod deletes the logs an incident review or an audit needs.",
  fix: `Leave logRetentionDays at the prod default (${PROD_FLOOR_DAYS}) or set it to ${PROD_FLOOR_DAYS} or more.`,
  evaluate: (stack) =>
    stageOf(stack) !== "prod"
      ? []
      : resourcesOf(stack, "aws_cloudwatch_log_group")
          .filter(([, group]) => typeof group.retention_in_days === "number" && group.retention_in_days > 0 && group.retention_in_days < PROD_FLOOR_DAYS)
          .map(([resource, group]) => ({ resource, message: `keeps prod logs ${String(group.retention_in_days)} days, under ${PROD_FLOOR_DAYS}` })),
};
