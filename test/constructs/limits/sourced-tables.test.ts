import { readFileSync } from "node:fs";
import { _InstanceType } from "@aws-sdk/client-ec2";
import { instanceTypeProblem } from "../../../constructs/limits/instance-types";
import { regionProblem } from "../../../constructs/limits/regions";

/**
 * berth's closed lists against the AWS SDK data they were read from, so that every entry is
 * judged by a source outside berth (a dropped or misspelt entry refuses a real value):
 * - the EC2 API's InstanceType enum, @aws-sdk/client-ec2 (pinned in devDependencies);
 * - the SDK's partition data, @aws-sdk/core util-endpoints partitions.js (regions per partition).
 * A failure after an SDK update names the values to add to constructs/limits.
 */

interface Partition {
  readonly id: string;
  readonly regions: Readonly<Record<string, unknown>>;
}

/** The SDK's partitions file, read once. */
const PARTITIONS: readonly Partition[] = (() => {
  const file = require.resolve("@aws-sdk/core/package.json").replace(/package\.json$/, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
  const source = readFileSync(file, "utf8");
  const json = source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1);
  return (JSON.parse(json) as { partitions: Partition[] }).partitions;
})();

/** The regions of a partition, without its "-global" pseudo-region. */
function regionsOf(partitionId: string): string[] {
  const partition = PARTITIONS.find((p) => p.id === partitionId);
  if (partition === undefined) throw new Error(`the SDK's partition data has no partition "${partitionId}"`);
  return Object.keys(partition.regions).filter((r) => !r.endsWith("-global"));
}

describe("regions (AWS SDK partition data)", () => {
  it.each(["aws", "aws-cn", "aws-us-gov"])("accepts every region of the %s partition", (id) => {
    expect(regionsOf(id).filter((r) => regionProblem(r) !== undefined)).toEqual([]);
  });

  it('refuses the "-global" pseudo-regions of the aws, aws-cn and aws-us-gov partitions', () => {
    expect(["aws-global", "aws-cn-global", "aws-us-gov-global"].filter((r) => regionProblem(r) === undefined)).toEqual([]);
  });

  it("refuses the regions of the ISO partitions (berth's ARN patterns do not name them)", () => {
    const iso = [...regionsOf("aws-iso"), ...regionsOf("aws-iso-b")];
    expect(iso.length).toBeGreaterThan(0);
    expect(iso.filter((r) => regionProblem(r) === undefined)).toEqual([]);
  });
});

describe("instance types (EC2 API InstanceType enum)", () => {
  it("accepts every instance type of the enum (1437 in @aws-sdk/client-ec2 3.1169.0)", () => {
    const types = Object.values(_InstanceType);
    expect(types.length).toBeGreaterThanOrEqual(1437);
    expect(types.filter((t) => instanceTypeProblem(t) !== undefined)).toEqual([]);
  });

  // EC2 User Guide, instance-types.html, "Instance type naming conventions": <family>.<size>, nothing around it.
  it.each(["Xt3.small", "t3.small-x", "t3small"])("refuses %s as no EC2 instance type (the whole value must be <family>.<size>)", (value) => {
    expect(instanceTypeProblem(value)).toBe('must be an EC2 instance type like "t3.small" (<family>.<size>)');
  });

  it('refuses a type whose family the enum does not hold ("t5.large")', () => {
    expect(Object.values(_InstanceType).some((t) => t.startsWith("t5."))).toBe(false);
    expect(instanceTypeProblem("t5.large")).toMatch(/^names no EC2 instance family \("t5"\)/);
  });
});
