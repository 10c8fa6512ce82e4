import { strictReason, strictSettings } from "../../../scripts/synth/strict";
import { errorOf } from "../../helpers";

const BAD_VALUE = (value: string) =>
  `BERTH_STRICT=${JSON.stringify(value)}: must be 1 or true (spec warnings are errors), 0 or false (they are not, even for stage prod under CI=true), or unset.\nSet BERTH_STRICT to one of those values and run again.`;

describe("strictSettings", () => {
  it.each(["yes", "on", "TRUE", "2", " 1"])("refuses BERTH_STRICT=%j, saying which values it takes", (value) => {
    expect(errorOf(() => strictSettings(false, { BERTH_STRICT: value }))).toBe(BAD_VALUE(value));
  });

  it("refuses a bad BERTH_STRICT under --strict too", () => {
    expect(errorOf(() => strictSettings(true, { BERTH_STRICT: "yes" }))).toBe(BAD_VALUE("yes"));
  });

  it("takes an empty BERTH_STRICT as unset", () => {
    expect(strictSettings(false, { BERTH_STRICT: "" })).toEqual({ flag: false, berthStrict: undefined, ci: undefined });
  });

  it.each(["true", "True", "1"])("counts CI=%s as a CI run", (ci) => {
    expect(strictSettings(false, { CI: ci }).ci).toBe(ci);
  });

  it.each(["false", "0", "", "woodpecker"])("does not count CI=%j as a CI run", (ci) => {
    expect(strictSettings(false, { CI: ci }).ci).toBeUndefined();
  });
});

describe("strictReason", () => {
  const reason = (flag: boolean, env: NodeJS.ProcessEnv, stage: "dev" | "prod") => strictReason(strictSettings(flag, env), stage);

  it("is off with no flag, no BERTH_STRICT and no CI", () => {
    expect(reason(false, {}, "prod")).toBeUndefined();
  });

  it("is on under --strict, and says to drop it", () => {
    expect(reason(true, {}, "dev")).toEqual({ because: "under --strict", wayOut: "run without --strict" });
  });

  it.each(["1", "true"])("is on under BERTH_STRICT=%s", (value) => {
    expect(reason(false, { BERTH_STRICT: value }, "dev")).toEqual({ because: `under BERTH_STRICT=${value}`, wayOut: "unset BERTH_STRICT" });
  });

  it("is on for stage prod under CI=true, saying why and how to go ahead", () => {
    expect(reason(false, { CI: "true" }, "prod")).toEqual({ because: "because CI=true and stage prod (berth is strict for prod in CI)", wayOut: "set BERTH_STRICT=0" });
  });

  it("is off for stage dev under CI=true", () => {
    expect(reason(false, { CI: "true" }, "dev")).toBeUndefined();
  });

  it.each(["0", "false"])("is off for stage prod under CI=true with BERTH_STRICT=%s", (value) => {
    expect(reason(false, { CI: "true", BERTH_STRICT: value }, "prod")).toBeUndefined();
  });

  it("is on under --strict even with BERTH_STRICT=0", () => {
    expect(reason(true, { BERTH_STRICT: "0" }, "dev")).toEqual({ because: "under --strict", wayOut: "run without --strict" });
  });
});
