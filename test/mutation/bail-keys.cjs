// Environment variables shared by the bail environment and its global setup (the real process's,
// not a test file's sandbox): the id of the current jest run, and of the run in which a test failed.
module.exports = { BAIL_RUN: "BERTH_MUTATION_BAIL_RUN", BAILED_RUN: "BERTH_MUTATION_BAILED_RUN" };
