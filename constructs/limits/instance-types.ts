import { closest, distance } from "fastest-levenshtein";
import type { Pattern } from "./rule";

export type Architecture = "x86_64" | "arm64";

/**
 * An EC2 instance type, `<family>.<size>` (EC2 User Guide, instance-types.html, "Instance type
 * naming conventions"), e.g. `t3.small`, `m7g.2xlarge`, `c6in.metal`, `u-6tb1.112xlarge`. The
 * first group is the family.
 */
export const EC2_INSTANCE_TYPE: Pattern = {
  pattern: /^([a-z][a-z0-9-]*)\.(nano|micro|small|medium|large|\d{0,3}xlarge|metal(?:-\d+xl)?)$/,
  allowed: 'an EC2 instance type like "t3.small" (<family>.<size>)',
};

/*
 * The instance families of the EC2 API's InstanceType enum (@aws-sdk/client-ec2 3.1169.0,
 * dist-es/models/enums.js `_InstanceType`: 1437 types in 210 families), by CPU architecture:
 * Graviton families have a "g" after the generation (and a1), p6e-gb200 runs on NVIDIA Grace (Arm),
 * mac2 and mac-m* on Apple silicon. Keep current by re-reading that enum after an SDK release.
 */
const ARM64_FAMILIES = [
  "a1", "c6g", "c6gd", "c6gn", "c7g", "c7gd", "c7gn", "c8g", "c8gb", "c8gd", "c8gn", "c9g", "c9gd", "g5g", "hpc7g",
  "i4g", "i8g", "i8ge", "im4gn", "is4gen", "m6g", "m6gd", "m7g", "m7gd", "m8g", "m8gb", "m8gd", "m8gn", "m9g", "m9gd",
  "mac-m3ultra", "mac-m4", "mac-m4max", "mac-m4pro", "mac2", "mac2-m1ultra", "mac2-m2", "mac2-m2pro", "p6e-gb200",
  "r6g", "r6gd", "r7g", "r7gd", "r8g", "r8gb", "r8gd", "r8gn", "r9g", "r9gd", "t4g", "x2gd", "x8g",
];

const X86_64_FAMILIES = [
  "c1", "c3", "c4", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6i", "c6id", "c6in", "c7a", "c7i", "c7i-flex", "c8a",
  "c8i", "c8i-flex", "c8ib", "c8id", "c8in", "c8ine", "cc1", "cc2", "cg1", "cr1", "d2", "d3", "d3en", "dl1", "dl2q",
  "f1", "f2", "g2", "g3", "g3s", "g4ad", "g4dn", "g5", "g6", "g6e", "g6f", "g7", "g7e", "gr6", "gr6f", "h1", "hi1",
  "hpc6a", "hpc6id", "hpc7a", "hpc8a", "hs1", "i2", "i3", "i3en", "i4i", "i7i", "i7ie", "inf1", "inf2", "m1", "m2",
  "m3", "m4", "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7i",
  "m7i-flex", "m8a", "m8azn", "m8i", "m8i-flex", "m8ib", "m8id", "m8idb", "m8idn", "m8in", "m8ine", "mac1", "p2", "p3",
  "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6-b300", "r3", "r4", "r5", "r5a", "r5ad", "r5b", "r5d",
  "r5dn", "r5n", "r6a", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7i", "r7iz", "r8a", "r8i", "r8i-flex", "r8ib", "r8id",
  "r8idb", "r8idn", "r8in", "t1", "t2", "t3", "t3a", "t8i", "trn1", "trn1n", "trn2", "trn2u", "u-12tb1", "u-18tb1",
  "u-24tb1", "u-3tb1", "u-6tb1", "u-9tb1", "u7i-12tb", "u7i-6tb", "u7i-8tb", "u7ib-12tb", "u7in-16tb", "u7in-24tb",
  "u7in-32tb", "u7inh-32tb", "vt1", "x1", "x1e", "x2idn", "x2iedn", "x2iezn", "x8aedz", "x8i", "z1d",
];

/** Every known instance family → its CPU architecture. */
export const INSTANCE_FAMILIES: ReadonlyMap<string, Architecture> = new Map([
  ...ARM64_FAMILIES.map((f) => [f, "arm64"] as const),
  ...X86_64_FAMILIES.map((f) => [f, "x86_64"] as const),
]);

/** The family of a well-formed instance type, or undefined. */
export function instanceFamily(instanceType: string): string | undefined {
  return EC2_INSTANCE_TYPE.pattern.exec(instanceType)?.[1];
}

/** Why `value` is not an EC2 instance type of a known family (with a did-you-mean), or undefined. */
export function instanceTypeProblem(value: string): string | undefined {
  const family = instanceFamily(value);
  if (family === undefined) return `must be ${EC2_INSTANCE_TYPE.allowed}`;
  if (INSTANCE_FAMILIES.has(family)) return undefined;
  // Guess within the family's class letter first ("t3x" → "t3", not "c3").
  const known = [...INSTANCE_FAMILIES.keys()];
  const sameClass = known.filter((f) => f[0] === family[0]);
  const guess = closest(family, sameClass.length > 0 ? sameClass : known);
  const near = distance(family, guess) <= Math.max(1, Math.floor(family.length / 2));
  const hint = near ? `did you mean "${guess}${value.slice(family.length)}"? ` : "";
  return `names no EC2 instance family ("${family}"): ${hint}use a type from the EC2 instance types list like "t3.small" (x86_64) or "t4g.small" (arm64)`;
}
