import { serviceNameOf, singleView } from "../../../stacks/spec/single-view";
import type { MultiServiceConfig } from "../../../stacks/spec/services";

/** singleView reads a validated services spec; given one without a public service it says so rather than guess. */

const APP = { app: "shop", region: "eu-west-1", targets: ["ec2" as const] };

describe("singleView", () => {
  it("takes the public service's fields to the top level, under its name", () => {
    const view = singleView({ ...APP, services: { db: { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432 }, api: { image: { context: "./api" }, port: 9000, expose: "public" } } } as MultiServiceConfig);
    expect([serviceNameOf(view), view.port, view.image]).toEqual(["api", 9000, { context: "./api" }]);
  });

  it("refuses a spec without a public service, naming the validation it skipped", () => {
    expect(() => singleView({ ...APP, services: { worker: { image: { context: "./worker" } } } } as MultiServiceConfig)).toThrow("singleView: the spec has no public service without a route, with a port (validate it first)");
  });
});
