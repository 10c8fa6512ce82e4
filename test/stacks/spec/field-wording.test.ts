import { specProblems } from "./same-rule/support";

/**
 * The "what is allowed" of the field builders (stacks/spec/fields.ts) where a value has the wrong
 * type: each problem line written out whole.
 */

describe("a value of the wrong type is refused with the field's own wording", () => {
  it("a number as the app name: the name's rule", () => {
    expect(specProblems({ app: 5 })).toEqual(["app: must be 2-20 lower case letters, digits and single hyphens, starting with a letter (got 5)"]);
  });

  it("a number as an environment value: a string", () => {
    expect(specProblems({ environment: { LOG_LEVEL: 5 } })).toEqual(["environment.LOG_LEVEL: must be a string (got 5)"]);
  });

  it("a number as a tag value: a string", () => {
    expect(specProblems({ tags: { team: 5 } })).toEqual(["tags.team: must be a string (got 5)"]);
  });

  it("a number as a volume: the volume's keys, the optional ones (uid, gid) marked and the required ones not", () => {
    expect(specProblems({ volumes: [5] })).toEqual(["volumes[0]: must be an object { name, path, uid?, gid? } (got 5)"]);
  });
});
