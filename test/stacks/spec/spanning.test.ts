import { minimalSpec, problemsOf } from "../../helpers";

/** Checks that span fields on every target, reported at the spec field to change. */
const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`team${i}`, "shop"]));

// Tagging AWS Resources, "Tag naming limits and requirements": at most 50 user-applied tags per resource; the
// provider's default_tags count toward them. berth adds berth:app and berth:stage everywhere, and Name on many.
describe("tags with berth's own", () => {
  it("accepts 47 tags (50 with berth's 3)", () => {
    expect(problemsOf(minimalSpec({ tags: tags(47) }))).toEqual([]);
  });

  it("refuses 48 tags (51 with berth's 3)", () => {
    expect(problemsOf(minimalSpec({ tags: tags(48) }))).toEqual([
      'tags: has 48 tags; with berth\'s own 3 (berth:app, berth:stage, Name) a resource may carry at most 50 (Tagging AWS Resources guide), so give at most 47 (got {"team0":"shop","team1":"shop","team2":"shop","team3":"shop","team4":"shop","...)',
    ]);
  });

  it("refuses the tag key berth:app", () => {
    expect(problemsOf(minimalSpec({ tags: { "berth:app": "x" } }))).toEqual([
      'tags.berth:app: is a tag key berth sets itself (berth:app, berth:stage, Name): yours would replace berth\'s; choose another key (got "x")',
    ]);
  });

  it("refuses the tag key berth:stage", () => {
    expect(problemsOf(minimalSpec({ tags: { "berth:stage": "x" } }))).toEqual([
      'tags.berth:stage: is a tag key berth sets itself (berth:app, berth:stage, Name): yours would replace berth\'s; choose another key (got "x")',
    ]);
  });

  it("refuses the tag key Name", () => {
    expect(problemsOf(minimalSpec({ tags: { Name: "x" } }))).toEqual([
      'tags.Name: is a tag key berth sets itself (berth:app, berth:stage, Name): yours would replace berth\'s; choose another key (got "x")',
    ]);
  });

  it("accepts the tag key berth:team (only berth's own keys are taken)", () => {
    expect(problemsOf(minimalSpec({ tags: { "berth:team": "x" } }))).toEqual([]);
  });
});

// ELB API Reference, CreateTargetGroup: HealthCheckTimeoutSeconds must be less than HealthCheckIntervalSeconds.
// berth's defaults (docs/spec.md): intervalSeconds 10, timeoutSeconds 5.
describe("health check timeout against the interval, defaults included", () => {
  it("refuses intervalSeconds 5 with the default timeout of 5 at healthCheck.intervalSeconds", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { intervalSeconds: 5 } }))).toEqual([
      "healthCheck.intervalSeconds: must be more than timeoutSeconds (5 by default): ELB rejects a timeout that is not shorter than the interval (ELB API Reference, CreateTargetGroup); raise intervalSeconds or set a shorter timeoutSeconds (got 5)",
    ]);
  });

  it("accepts intervalSeconds 6 with the default timeout of 5", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { intervalSeconds: 6 } }))).toEqual([]);
  });

  it("refuses timeoutSeconds 10 with the default interval of 10 at healthCheck.timeoutSeconds", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { timeoutSeconds: 10 } }))).toEqual([
      "healthCheck.timeoutSeconds: must be less than intervalSeconds (10): ELB rejects a timeout that is not shorter than the interval (ELB API Reference, CreateTargetGroup); lower timeoutSeconds (got 10)",
    ]);
  });

  it("accepts timeoutSeconds 9 with the default interval of 10", () => {
    expect(problemsOf(minimalSpec({ healthCheck: { timeoutSeconds: 9 } }))).toEqual([]);
  });
});
