import { fargateSizeProblem } from "../../../constructs/limits/fargate";
import { instanceTypeProblem } from "../../../constructs/limits/instance-types";
import { regionProblem } from "../../../constructs/limits/regions";

/** The did-you-mean hints and listed values of the limits' messages, at their edges. */

const FAMILY_ADVICE = 'use a type from the EC2 instance types list like "t3.small" (x86_64) or "t4g.small" (arm64)';

describe("did-you-mean hints", () => {
  it("suggests the nearest region three edits away (eu-west-1234)", () => {
    expect(regionProblem("eu-west-1234")).toBe('must be an AWS region like "eu-west-1"; did you mean "eu-west-1"?');
  });

  it("lists every region instead of guessing four edits away (eu-west-12345)", () => {
    expect(regionProblem("eu-west-12345")).toMatch(/^must be an AWS region like "eu-west-1", one of: af-south-1, ap-east-1, /);
  });

  it("guesses an instance family within the same class letter first: r1 gives r3, not a1", () => {
    expect(instanceTypeProblem("r1.large")).toBe(`names no EC2 instance family ("r1"): did you mean "r3.large"? ${FAMILY_ADVICE}`);
  });

  it("guesses among every family when no family has the class letter: q5 gives c5", () => {
    expect(instanceTypeProblem("q5.large")).toBe(`names no EC2 instance family ("q5"): did you mean "c5.large"? ${FAMILY_ADVICE}`);
  });

  it("hints a family up to half the typed family's length away (c5abc is 2 edits from c5a)", () => {
    expect(instanceTypeProblem("c5abc.large")).toBe(`names no EC2 instance family ("c5abc"): did you mean "c5a.large"? ${FAMILY_ADVICE}`);
  });

  it("gives no hint when the nearest family of the class is farther (u6: u-6tb1 is 4 edits away)", () => {
    expect(instanceTypeProblem("u6.large")).toBe(`names no EC2 instance family ("u6"): ${FAMILY_ADVICE}`);
  });
});

describe("Fargate memory choices in messages", () => {
  // ECS Developer Guide, task CPU and memory: 512 CPU units take 1024, 2048, 3072 or 4096 MiB.
  it("lists four memory choices one by one (cpu 512)", () => {
    expect(fargateSizeProblem(512, 5000)).toBe("memoryMiB 5000 does not fit cpu 512 on Fargate: with cpu 512 use one of 1024, 2048, 3072, 4096 MiB");
  });
});
