import { Testing } from "cdktf";
import { BerthAwsProvider } from "../../constructs/aws-provider";

/** The provider block BerthAwsProvider writes (Terraform AWS provider: region, default_tags). */

function providerBlock(props: { region: string; defaultTags?: Record<string, string> }) {
  const json = JSON.parse(Testing.synthScope((scope) => new BerthAwsProvider(scope, "aws", props))) as { provider: { aws: Record<string, unknown>[] } };
  return json.provider.aws;
}

describe("BerthAwsProvider", () => {
  it("writes one aws provider with the region and the tags as default_tags", () => {
    expect(providerBlock({ region: "eu-west-1", defaultTags: { "berth:app": "shop", team: "web" } })).toEqual([
      { region: "eu-west-1", default_tags: [{ tags: { "berth:app": "shop", team: "web" } }] },
    ]);
  });

  it("writes no default_tags block without tags", () => {
    expect(providerBlock({ region: "eu-west-1" })).toEqual([{ region: "eu-west-1" }]);
  });

  it("writes no default_tags block for an empty tag map", () => {
    expect(providerBlock({ region: "eu-west-1", defaultTags: {} })).toEqual([{ region: "eu-west-1" }]);
  });
});
