// The must-kill sets of mutation testing (docs/testing.md): the files holding the security
// properties (`npm run test:mutation:security`) and the spec's bounds (`npm run
// test:mutation:bounds`), static mutants included (a module-level IAM action list, validation
// pattern or limits table), each with its own incremental record. Both must end with 0 survivors.
import base from "./stryker.config.mjs";

const bounds = process.env.BERTH_MUTATE_SET === "bounds";

export default {
  ...base,
  // The spec's bounds are judged where they are tested on both sides: the spec suites (same-rule/
  // tries each bound in the spec and in the construct guard) and the limits' own tests. A static
  // mutant reruns every related test file, so the stack and construct suites stay out of this set.
  ...(bounds
    ? { jest: { ...base.jest, config: { ...base.jest.config, testPathIgnorePatterns: ["/node_modules/", "/test/(?!stacks/spec/|constructs/limits/)"] } } }
    : {}),
  mutate: (bounds
    ? ["constructs/limits/**/*.ts", "stacks/spec/fields.ts", "stacks/spec/schema.ts"]
    : [
        "constructs/iam/policy-documents.ts",
        "constructs/ec2-host/ec2-host.ts",
        "constructs/ec2-host/host-role.ts",
        "constructs/ec2-host/host-scripts/bootstrap.ts",
        "constructs/fargate-service/roles.ts",
        "constructs/fargate-service/security.ts",
        "constructs/fargate-service/service.ts",
        "constructs/fargate-service/container-definitions.ts",
        "constructs/load-balancer/resolve.ts",
        "constructs/load-balancer/load-balancer.ts",
        "constructs/ecr-repository/ecr-repository.ts",
        "constructs/efs-storage/efs-storage.ts",
        "constructs/network/network.ts",
      ]),
  ignoreStatic: false,
  incrementalFile: `.berth/mutation/${process.env.BERTH_MUTATE_SET ?? "security"}-incremental.json`,
  htmlReporter: { fileName: `.berth/mutation/${process.env.BERTH_MUTATE_SET ?? "security"}-report.html` },
  jsonReporter: { fileName: `.berth/mutation/${process.env.BERTH_MUTATE_SET ?? "security"}-report.json` },
  tempDirName: ".berth/stryker-must-kill-tmp",
};
