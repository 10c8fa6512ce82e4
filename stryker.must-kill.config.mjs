// The must-kill sets of mutation testing (docs/testing.md): the files holding the security
// properties (`npm run test:mutation:security`) and the spec's bounds (`npm run
// test:mutation:bounds` runs the sets "tables" and "bounds"), static mutants included (a
// module-level IAM action list, validation pattern or limits table), each set with its own
// incremental record. Every set must end with 0 survivors.
import base from "./stryker.config.mjs";

const set = process.env.BERTH_MUTATE_SET ?? "security";

/** Only these suites run: a static mutant reruns every suite of its set. */
const onlySuites = (pattern) => ({ jest: { ...base.jest, config: { ...base.jest.config, testPathIgnorePatterns: ["/node_modules/", pattern] } } });

const SETS = {
  security: {
    mutate: [
      "constructs/iam/policy-documents.ts",
      "constructs/ec2-host/ec2-host.ts",
      "constructs/ec2-host/host-role.ts",
      "constructs/ec2-host/host-scripts/bootstrap.ts",
      "constructs/fargate-service/fargate-service.ts",
      "constructs/fargate-service/roles.ts",
      "constructs/fargate-service/security.ts",
      "constructs/fargate-service/service.ts",
      "constructs/fargate-service/container-definitions.ts",
      "constructs/load-balancer/resolve.ts",
      "constructs/load-balancer/load-balancer.ts",
      "constructs/ecr-repository/ecr-repository.ts",
      "constructs/efs-storage/efs-storage.ts",
      "constructs/network/network.ts",
    ],
  },
  // The spec's bounds are judged where they are tested on both sides: the spec suites (same-rule/
  // tries each bound in the spec and in the construct guard) and the limits' own tests.
  bounds: {
    ...onlySuites("/test/(?!stacks/spec/|constructs/limits/)"),
    mutate: ["constructs/limits/**/*.ts", "!constructs/limits/instance-types.ts", "!constructs/limits/regions.ts", "stacks/spec/fields.ts", "stacks/spec/schema.ts", "stacks/spec/services.ts", "stacks/spec/dependencies.ts"],
  },
  // The closed lists read from AWS SDK data (instance families, regions): about 300 static mutants,
  // each killed by test/constructs/limits/sourced-tables.test.ts, which compares every entry with the
  // SDK's own data. Judged by the limits' suites alone (2 s a run instead of 13 s).
  tables: {
    ...onlySuites("/test/(?!constructs/limits/)"),
    mutate: ["constructs/limits/instance-types.ts", "constructs/limits/regions.ts"],
  },
};
if (!(set in SETS)) throw new Error(`BERTH_MUTATE_SET must be one of ${Object.keys(SETS).join(", ")}, got "${set}"`);

export default {
  ...base,
  ...SETS[set],
  ignoreStatic: false,
  // No TypeScript checker, and two jest runners: on 2 cores the two checker processes took more CPU
  // than the runner (the bounds set: 6 mutants a minute with the checker, 16 without). A mutant that
  // does not type-check then runs anyway; if it survives, it is judged by hand (docs/testing.md).
  checkers: [],
  concurrency: 2,
  incrementalFile: `.berth/mutation/${set}-incremental.json`,
  htmlReporter: { fileName: `.berth/mutation/${set}-report.html` },
  jsonReporter: { fileName: `.berth/mutation/${set}-report.json` },
  tempDirName: ".berth/stryker-must-kill-tmp",
};
