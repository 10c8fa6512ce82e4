import { specProblems } from "./same-rule/support";

/** Both sides of spec rules in stacks/spec/schema.ts that the other spec suites try on one side only. */

const SSM_IN_US = "arn:aws:ssm:us-east-1:123456789012:parameter/shop/db-url";

describe("the app name (2-20 lower case letters, digits and single hyphens)", () => {
  it("accepts a hyphen between letters", () => {
    expect(specProblems({ app: "my-shop" })).toEqual([]);
  });

  it.each(["my--shop", "shop-"])("refuses %s (a double or trailing hyphen)", (app) => {
    expect(specProblems({ app })).toEqual([`app: must be 2-20 lower case letters, digits and single hyphens, starting with a letter (got "${app}")`]);
  });
});

describe("an SSM parameter in another region on the fargate target", () => {
  it("is accepted with network.natGateways single (the tasks reach that region through NAT)", () => {
    expect(specProblems({ secrets: { DB_URL: SSM_IN_US }, network: { natGateways: "single" } })).toEqual([]);
  });

  it("is refused with network.natGateways none, saying the tasks reach only the app's region", () => {
    expect(specProblems({ secrets: { DB_URL: SSM_IN_US }, network: { natGateways: "none", vpcEndpoints: true } })).toEqual([
      `secrets.DB_URL: is an SSM parameter in region "us-east-1" but the app deploys to "eu-west-1" with network.natGateways "none": the tasks reach AWS only through VPC endpoints in "eu-west-1"; copy the parameter to "eu-west-1", or give the network NAT gateways (got "${SSM_IN_US}")`,
    ]);
  });
});

describe("image build fields of the wrong type", () => {
  it("a number as image.dockerfile: a file path", () => {
    expect(specProblems({ image: { context: "./app", dockerfile: 5 } })).toEqual(["image.dockerfile: must be a file path relative to the build context (got 5)"]);
  });

  it("a number as image.target: a stage name", () => {
    expect(specProblems({ image: { context: "./app", target: 5 } })).toEqual(["image.target: must be a Dockerfile stage name (got 5)"]);
  });
});

describe("logRetentionDays", () => {
  it("refuses 3650, naming every value CloudWatch Logs accepts (CloudWatch Logs API Reference, PutRetentionPolicy)", () => {
    expect(specProblems({ logRetentionDays: 3650 })).toEqual([
      "logRetentionDays: must be a CloudWatch retention in days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 3650)",
    ]);
  });
});
