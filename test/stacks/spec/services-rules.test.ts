import { CERTIFICATE_ARN, problemsOf } from "../../helpers";

/** Both sides of the services form's rules (stacks/spec/services.ts) not pinned in services.test.ts. */

const APP = { app: "shop", region: "eu-west-1", targets: ["fargate", "ec2"], fargate: { https: { certificateArn: CERTIFICATE_ARN } } };
const WEB = { image: { context: "./app" }, port: 8080 };

describe("the services form", () => {
  it("accepts an HTTP health check on the public service", () => {
    expect(problemsOf({ ...APP, services: { web: { ...WEB, expose: "public", healthCheck: { path: "/health" } } } })).toEqual([]);
  });

  it("lists every service, comma-separated, when none is public", () => {
    expect(problemsOf({ ...APP, services: { web: WEB, worker: { image: { context: "./worker" } } } })[0]).toBe(
      'services: has no public service: set expose: "public" on the service users reach (services: web, worker) (got {"web":{"image":{"context":"./app"},"port":8080},"worker":{"image":{"context"...)',
    );
  });

  it("refuses services that are not an object, with an example of one", () => {
    expect(problemsOf({ ...APP, services: 5 })).toEqual(['services: must be an object of names to values like { web: { image: { context: "." }, port: 8080, expose: "public" } } (got 5)']);
  });
});
