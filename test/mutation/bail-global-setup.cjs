// Jest calls the global setup once per run, and Stryker makes one jest run per mutant: each run gets
// a new id, so a failure in the previous mutant's run skips nothing in this one.
const { randomUUID } = require("node:crypto");
const { BAIL_RUN } = require("./bail-keys.cjs");

module.exports = async () => {
  process.env[BAIL_RUN] = randomUUID();
};
