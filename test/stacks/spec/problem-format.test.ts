import { ConfigError, validateConfig } from "../../../stacks/spec/validate";
import { CERTIFICATE_ARN, errorOf, minimalSpec, problemsOf } from "../../helpers";

/** How stacks/spec/validate.ts writes a problem: the error's name and count, the value got, the key suggested. */

describe("ConfigError", () => {
  it('is named "ConfigError"', () => {
    let caught: unknown;
    try {
      validateConfig(minimalSpec({ port: 0 }), "x");
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).name).toBe("ConfigError");
  });

  it('counts two problems as "2 problems"', () => {
    expect(errorOf(() => validateConfig(minimalSpec({ port: 0, stage: "qa" }), "berth.config.ts"))).toMatch(/^Invalid berth spec in berth\.config\.ts \(2 problems\):\n/);
  });
});

describe("the value got", () => {
  // A list whose JSON is ["<n x's>"]: n + 4 characters.
  const listOf = (length: number) => ["x".repeat(length - 4)];

  it("shows a value of 80 characters whole", () => {
    const value = listOf(80);
    expect(problemsOf(minimalSpec({ environment: value }))).toEqual([`environment: must be an object of names to values like { LOG_LEVEL: "info" } (got ${JSON.stringify(value)})`]);
  });

  it("cuts a value of 81 characters to its first 77 and ...", () => {
    const value = listOf(81);
    expect(problemsOf(minimalSpec({ environment: value }))).toEqual([`environment: must be an object of names to values like { LOG_LEVEL: "info" } (got ${JSON.stringify(value).slice(0, 77)}...)`]);
  });

  it("shows a string of any length whole", () => {
    const image = `public.ecr.aws/${"a".repeat(100)} latest`;
    expect(problemsOf(minimalSpec({ image: { uri: image } }))[0]).toContain(`(got ${JSON.stringify(image)})`);
  });

  it("gives no length before a value of exactly the rule's maximum that is refused for another reason", () => {
    const name = `A${"a".repeat(30)}`;
    expect(problemsOf(minimalSpec({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, sidecars: [{ name, image: "public.ecr.aws/nginx/nginx:1.27" }] } }))).toEqual([
      `fargate.sidecars[0].name: must be lower case letters, digits and hyphens, starting with a letter, at most 31 characters (got "${name}")`,
    ]);
  });

  it("gives the length before a value one character over the rule's maximum", () => {
    const name = "a".repeat(32);
    expect(problemsOf(minimalSpec({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, sidecars: [{ name, image: "public.ecr.aws/nginx/nginx:1.27" }] } }))).toEqual([
      `fargate.sidecars[0].name: must be lower case letters, digits and hyphens, starting with a letter, at most 31 characters (got 32 characters: "${name}")`,
    ]);
  });
});

describe("the key suggested for an unknown key", () => {
  // fastest-levenshtein: "prot" → "port" is 2 edits; berth suggests within max(2, a third of the key's length).
  it("suggests a key 2 edits away from a 4-character key", () => {
    expect(problemsOf(minimalSpec({ prot: 8080 }))[0]).toMatch(/^prot: unknown key; did you mean "port"\? allowed keys here: /);
  });

  it("suggests nothing for a key more than 2 edits away from every key", () => {
    expect(problemsOf(minimalSpec({ qqqq: 1 }))[0]).toMatch(/^qqqq: unknown key; allowed keys here: /);
  });
});
