// Jest's `bail` for mutation runs. Stryker's jest runner cannot pass `bail` to jest (jest ignores it
// when called programmatically, jestjs/jest#11766), so a mutant that the first test kills still ran
// every other test of its set: a static mutant (a module-level schema or limits table) reruns every
// suite, 15 s a mutant in the bounds set. Once a test of this jest run has failed, the rest of the
// run is skipped: the mutant is already killed. A run with no failure (Stryker's dry run, a
// surviving mutant) runs every test, as jest alone would.
const NodeEnvironment = require("jest-environment-node").TestEnvironment;
const { BAIL_RUN, BAILED_RUN } = require("./bail-keys.cjs");

class BailEnvironment extends NodeEnvironment {
  async handleTestEvent(event) {
    const bailed = process.env[BAILED_RUN] !== undefined && process.env[BAILED_RUN] === process.env[BAIL_RUN];
    if (event.name === "test_done" && event.test.errors.length > 0) process.env[BAILED_RUN] = process.env[BAIL_RUN];
    // jest-circus reads `mode` right after these events: a skipped block runs no hook and no test.
    if (bailed && event.name === "run_describe_start") event.describeBlock.mode = "skip";
    if (bailed && event.name === "test_start") event.test.mode = "skip";
  }
}

module.exports = BailEnvironment;
