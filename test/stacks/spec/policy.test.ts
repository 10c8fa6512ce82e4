import { minimalSpec, problemsOf, resolved } from "../../helpers";

const suppress = (...items: unknown[]) => minimalSpec({ policy: { suppress: items } });

/** The 23 rules of docs/policy.md, in the order the message lists them. */
const RULE_LIST =
  "ecs-no-public-ip, imdsv2-required, storage-encrypted, https-only, modern-tls, log-retention, log-retention-floor, ecr-immutable-scanned, ecr-lifecycle, ecs-non-privileged, ecs-readonly-root, efs-transit-encryption, no-latest-image, separate-task-roles, iam-no-wildcards, no-wildcard-principals, no-open-ingress, no-ssh, no-secrets-in-user-data, instance-profile, default-sg-closed, vpc-flow-logs, alb-access-logs";

describe("spec policy block", () => {
  it("resolves to no suppressions when left out", () => {
    expect(resolved().policy).toEqual({ suppress: [] });
  });

  it("carries each suppression with its reason into the resolved config", () => {
    const policy = { suppress: [{ rule: "ecs-readonly-root", reason: "ECS Exec needs a writable root" }] };
    expect(resolved({ policy }).policy).toEqual(policy);
  });

  it("refuses a suppression without a reason", () => {
    expect(problemsOf(suppress({ rule: "https-only" }))).toEqual(['policy.suppress[0].reason: must be a reason saying why the rule does not apply to this app, e.g. "demo without a domain" (got nothing: the field is required)']);
  });

  it("refuses a suppression whose reason is blank", () => {
    expect(problemsOf(suppress({ rule: "https-only", reason: "  " }))).toEqual([
      'policy.suppress[0].reason: must be a reason saying why the rule does not apply to this app, e.g. "demo without a domain", not blank (got "  ")',
    ]);
  });

  it("refuses an unknown rule id with a did-you-mean and the rule list", () => {
    expect(problemsOf(suppress({ rule: "http-only", reason: "demo" }))).toEqual([
      `policy.suppress[0].rule: must be a policy rule id; did you mean "https-only"? rules: ${RULE_LIST} (docs/policy.md) (got "http-only")`,
    ]);
  });

  // The did-you-mean bound: at most max(2, a third of the id's length) edits, e.g. 3 for 9 characters.
  it("offers a did-you-mean for a 9-character id 3 edits from a rule (modern-xx → modern-tls)", () => {
    expect(problemsOf(suppress({ rule: "modern-xx", reason: "demo" }))[0]).toContain('did you mean "modern-tls"? ');
  });

  it("offers no did-you-mean for a 9-character id 4 edits from every rule (modexn-xx)", () => {
    expect(problemsOf(suppress({ rule: "modexn-xx", reason: "demo" }))[0]).not.toContain("did you mean");
  });

  it("refuses a far-off rule id without a did-you-mean", () => {
    expect(problemsOf(suppress({ rule: "CKV_AWS_2", reason: "demo" }))).toEqual([
      `policy.suppress[0].rule: must be a policy rule id; rules: ${RULE_LIST} (docs/policy.md) (got "CKV_AWS_2")`,
    ]);
  });

  it("lists the rule ids when a suppressed rule is the number 5", () => {
    expect(problemsOf(suppress({ rule: 5, reason: "x" }))).toEqual([`policy.suppress[0].rule: must be a policy rule id: ${RULE_LIST} (docs/policy.md) (got 5)`]);
  });

  it("refuses a rule suppressed twice", () => {
    expect(problemsOf(suppress({ rule: "https-only", reason: "a" }, { rule: "https-only", reason: "b" }))).toEqual([
      'policy.suppress[1].rule: suppresses "https-only" again (policy.suppress[0]): keep one suppression per rule (got "https-only")',
    ]);
  });

  it("refuses an unknown key in a suppression", () => {
    expect(problemsOf(suppress({ rule: "https-only", reason: "a", resource: "x" }))).toEqual([
      "policy.suppress[0].resource: unknown key; allowed keys here: rule, reason",
    ]);
  });
});
