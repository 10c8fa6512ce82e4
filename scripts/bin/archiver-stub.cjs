// Stands in for archiver in berth's bundles: cdktf loads it for TerraformAsset (zipping a folder),
// which berth never creates; loading the real one costs every synth about 30 ms.
"use strict";
module.exports = function archiver() {
  throw new Error("berth's bundle leaves out archiver: cdktf's TerraformAsset is not supported in berth's stacks");
};
