/**
 * berth's bundles load this stub where cdktf requires archiver (scripts/bin/run-ts.mjs): a stack
 * that zipped an asset would get this message instead of a silent empty archive.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const archiver = require("../../../scripts/bin/archiver-stub.cjs") as (format: string) => unknown;

describe("the archiver stub of berth's bundles", () => {
  it("refuses to make an archive, saying that cdktf's TerraformAsset is not supported", () => {
    expect(() => archiver("zip")).toThrow("berth's bundle leaves out archiver: cdktf's TerraformAsset is not supported in berth's stacks");
  });
});
