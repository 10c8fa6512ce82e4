import { BerthError } from "../../stacks/errors";
import type { ResolvedConfig, Stage } from "../../stacks/spec/resolve";
import { specWarnings } from "../../stacks/spec/warnings";

/** What may make spec warnings errors, read before the spec is loaded (the stage decides the CI rule). */
export interface StrictSettings {
  /** `--strict` was given. */
  readonly flag: boolean;
  /** BERTH_STRICT as given ("1", "true", "0", "false"), or undefined when unset or empty. */
  readonly berthStrict?: string;
  /** CI as given, when it says that this is a CI run ("true" in any case, or "1"). */
  readonly ci?: string;
}

const STRICT_ON = ["1", "true"];
const STRICT_OFF = ["0", "false"];

/**
 * Reads `--strict`, BERTH_STRICT and CI; a BERTH_STRICT value other than 1, true, 0 or false is an
 * error rather than a guess. CI=true is what GitHub Actions, GitLab CI, CircleCI, Travis and
 * Buildkite set (AppVeyor: True); CI=1 is counted too, as people set it by hand; any other value
 * (false, 0, a CI's name) is not a CI run.
 */
export function strictSettings(flag: boolean, env: NodeJS.ProcessEnv): StrictSettings {
  const berthStrict = env.BERTH_STRICT || undefined;
  if (berthStrict !== undefined && !STRICT_ON.includes(berthStrict) && !STRICT_OFF.includes(berthStrict)) {
    throw new BerthError(
      `BERTH_STRICT=${JSON.stringify(berthStrict)}: must be 1 or true (spec warnings are errors), 0 or false (they are not, even for stage prod under CI=true), or unset.\nSet BERTH_STRICT to one of those values and run again.`,
    );
  }
  const ci = env.CI !== undefined && ["true", "1"].includes(env.CI.toLowerCase()) ? env.CI : undefined;
  return { flag, berthStrict, ci };
}

/**
 * Why warnings are errors for a spec of `stage`, or undefined when they are not. --strict wins,
 * then BERTH_STRICT (0 or false turns the CI rule off), then CI with stage prod: a prod build
 * in CI is where a plain-text secret or a root container should not pass unnoticed.
 */
export function strictReason(settings: StrictSettings, stage: Stage): StrictReason | undefined {
  if (settings.flag) return { because: "under --strict", wayOut: "run without --strict" };
  if (settings.berthStrict !== undefined) {
    return STRICT_ON.includes(settings.berthStrict) ? { because: `under BERTH_STRICT=${settings.berthStrict}`, wayOut: "unset BERTH_STRICT" } : undefined;
  }
  if (settings.ci !== undefined && stage === "prod") {
    return { because: `because CI=${settings.ci} and stage prod (berth is strict for prod in CI)`, wayOut: "set BERTH_STRICT=0" };
  }
  return undefined;
}

export interface StrictReason {
  /** Why warnings are errors, e.g. "under --strict". */
  readonly because: string;
  /** How to go ahead with the warnings instead, e.g. "run without --strict". */
  readonly wayOut: string;
}

/** Throws one BerthError listing every warning of `config` when strict mode applies; nothing to do otherwise. */
export function refuseWarnings(config: ResolvedConfig, settings: StrictSettings, specPath: string): void {
  const reason = strictReason(settings, config.stage);
  const warnings = reason === undefined ? [] : specWarnings(config);
  if (reason === undefined || warnings.length === 0) return;
  throw new BerthError(
    `The spec ${specPath} has ${warnings.length === 1 ? "1 warning, which is an error" : `${warnings.length} warnings, which are errors`} ${reason.because}:\n` +
      warnings.map((w) => `  ✖ ${w.path}: ${w.message}`).join("\n") +
      `\nFix each as it says, or ${reason.wayOut} to go ahead with the warnings; berth stopped before synthesizing anything.`,
  );
}
