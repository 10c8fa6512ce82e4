import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runNode, tempDir } from "../run";

/** The embedded example, synthesized once into a fresh folder (its https-only finding is suppressed in the spec). */
const example = join(tempDir(), "cdktf.out");
const synth = runNode("scripts/bin/berth.mjs", ["synth", "--out", example]);

const check = (...args: string[]) => runNode("scripts/bin/berth.mjs", ["check", "--out", example, ...args]);

/** The official SARIF 2.1.0 schema (draft-04), vendored: test/fixtures/sarif/SOURCE.md. */
function sarifValidator() {
  const ajv = new Ajv({ schemaId: "id", allErrors: true });
  ajv.addMetaSchema(JSON.parse(readFileSync(join(ROOT, "node_modules", "ajv", "lib", "refs", "json-schema-draft-04.json"), "utf8")));
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")));
}

describe("berth check on the example", () => {
  it("synthesized the example", () => {
    expect(synth.status).toBe(0);
  });

  it("prints the summary and the suppression with its reason as text, exit 0", () => {
    expect([check().status, check().stdout]).toEqual([
      0,
      `berth check: 0 errors, 0 warnings, 1 rule suppressed in 3 stacks (${example})\n` +
        "  policy suppressed https-only: demo without a domain: serves plain HTTP until fargate.https is set (1 finding not enforced)\n",
    ]);
  });

  it("--format sarif writes a log that validates against the SARIF 2.1.0 schema", () => {
    const run = check("--format", "sarif");
    const validate = sarifValidator();
    const valid = validate(JSON.parse(run.stdout));
    expect([run.status, valid, validate.errors ?? []]).toEqual([0, true, []]);
  });

  it("--format sarif reports the suppressed finding with the spec's reason as justification", () => {
    const log = JSON.parse(check("--format", "sarif").stdout);
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "https-only",
        level: "error",
        suppressions: [{ kind: "external", justification: "demo without a domain: serves plain HTTP until fargate.https is set" }],
        locations: [expect.objectContaining({ physicalLocation: { artifactLocation: { uri: expect.stringMatching(/stacks\/hello-dev-fargate\/cdk\.tf\.json$/) }, region: { startLine: 1 } } })],
      }),
    ]);
  });

  it("--format sarif lists every rule with its Checkov and Security Hub ids as tags", () => {
    const rules = JSON.parse(check("--format", "sarif").stdout).runs[0].tool.driver.rules;
    expect(rules.find((r: { id: string }) => r.id === "https-only").properties.tags).toEqual(["security", "CKV_AWS_2", "CKV2_AWS_20", "SecurityHub:ELB.1"]);
  });

  it("--format json prints the report with the count of blocking errors", () => {
    const report = JSON.parse(check("--format", "json").stdout);
    expect([report.findings, report.errors, report.suppressed.map((s: { rule: string }) => s.rule)]).toEqual([[], 0, ["https-only"]]);
  });
});

describe("berth check input", () => {
  it("refuses a folder without manifest.json: one message, exit 1", () => {
    const dir = tempDir();
    const run = runNode("scripts/bin/berth.mjs", ["check", "--out", dir]);
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      "",
      `${dir} holds no manifest.json, so it is not a synthesized output.\nRun berth synth (or npm run synth) first, or pass the folder it wrote with --out.\n`,
    ]);
  });

  it("refuses an unknown --format with the allowed ones, exit 1", () => {
    const run = check("--format", "xml");
    expect([run.status, run.stderr]).toEqual([1, "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.\n(run berth --help for usage)\n"]);
  });
});
