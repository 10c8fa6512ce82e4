import { architectureOf, instanceFamily } from "../../../constructs/ec2-host/architecture";

describe("instance type architecture", () => {
  it.each(["a1.large", "t4g.small", "m6g.large", "m7gd.xlarge", "c6gn.2xlarge", "c7g.metal", "r8g.24xlarge", "x2gd.large", "im4gn.large", "is4gen.medium", "g5g.xlarge", "hpc7g.16xlarge"])(
    "%s is a Graviton (arm64) type",
    (type) => {
      expect(architectureOf(type)).toBe("arm64");
    },
  );

  it.each(["t2.micro", "t3.small", "t3a.medium", "m7i-flex.large", "c6in.metal", "g4dn.xlarge", "g5.xlarge", "p5.48xlarge", "u-6tb1.112xlarge", "inf2.xlarge"])(
    "%s is an x86_64 type",
    (type) => {
      expect(architectureOf(type)).toBe("x86_64");
    },
  );

  it("takes x86_64 for a type of no known family, which the guards then refuse", () => {
    expect([architectureOf("zz9.large"), architectureOf("nonsense")]).toEqual(["x86_64", "x86_64"]);
  });

  it.each(["t3", "t3.", ".small", "T3.small", "t3.huge", "t3 .small"])("%j is not an instance type", (type) => {
    expect(instanceFamily(type)).toBeUndefined();
  });
});
