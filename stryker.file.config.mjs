// One file of `npm run test:mutation`, with its own incremental record and report
// (.berth/mutation/file-<path>.*): `BERTH_MUTATE_FILE=stacks/spec/validate.ts npm run
// test:mutation:file`. A folder run file by file keeps every finished file's result when a later
// run is stopped (Stryker writes results only when a run ends). docs/testing.md says when to use it.
import base from "./stryker.config.mjs";

const file = process.env.BERTH_MUTATE_FILE;
if (!file) throw new Error("BERTH_MUTATE_FILE must name the file to mutate, e.g. BERTH_MUTATE_FILE=stacks/spec/validate.ts npm run test:mutation:file");
const name = `file-${file.replace(/[/.]/g, "-")}`;

export default {
  ...base,
  mutate: [file],
  incrementalFile: `.berth/mutation/${name}.incremental.json`,
  htmlReporter: { fileName: `.berth/mutation/${name}.html` },
  jsonReporter: { fileName: `.berth/mutation/${name}.json` },
};
