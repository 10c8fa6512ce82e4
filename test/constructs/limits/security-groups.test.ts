import { duplicateEgress, duplicateIngress } from "../../../constructs/limits/security-groups";

/** A CIDR given three times names its first occurrence in both later ones. */

describe("duplicate security group rules", () => {
  it("names the first ingress occurrence for the second and the third", () => {
    expect(duplicateIngress(["10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8"], "ingressCidrs").map((d) => [d.at, d.problem.split(":")[0]])).toEqual([
      [[1], "duplicates ingressCidrs[0]"],
      [[2], "duplicates ingressCidrs[0]"],
    ]);
  });

  it("names the first egress occurrence for the second and the third", () => {
    const rule = { port: 443, cidrBlocks: ["0.0.0.0/0"] };
    expect(duplicateEgress([rule, rule, rule], "egress").map((d) => [d.at, d.problem.split(":")[0]])).toEqual([
      [[1, 0], 'duplicates egress[0].cidrBlocks[0] (tcp 443 to "0.0.0.0/0")'],
      [[2, 0], 'duplicates egress[0].cidrBlocks[0] (tcp 443 to "0.0.0.0/0")'],
    ]);
  });
});
