import { imageSources } from "../../../scripts/images/sources";
import { resolveConfig } from "../../../stacks/spec/resolve";
import { validateConfig } from "../../../stacks/spec/validate";
import { errorOf } from "../../helpers";
import { configWithApp } from "./support/unit";

/** A spec of several services in the folder of configWithApp (which holds ./app with a Dockerfile). */
function servicesConfig(services: Record<string, unknown>) {
  const { baseDir } = configWithApp();
  return resolveConfig(validateConfig({ app: "shop", region: "eu-west-1", targets: ["ec2"], services }, "test spec"), baseDir);
}

describe("imageSources", () => {
  it("accepts an arm64 image for a Graviton host", () => {
    const config = configWithApp({ targets: ["ec2"], fargate: undefined, image: { context: "./app", platform: "linux/arm64" }, ec2: { instanceType: "m7gd.large" } });
    expect(imageSources(config).build[0]!.platform).toBe("linux/arm64");
  });

  it("rejects a Dockerfile that does not exist", () => {
    const config = configWithApp({ image: { context: "./app", dockerfile: "Dockerfile.prod" } });
    expect(errorOf(() => imageSources(config)).split("\n")[0]).toBe(
      `image.dockerfile "Dockerfile.prod" is not a file (resolved to ${config.baseDir}/app/Dockerfile.prod from the build context).`,
    );
  });

  it("resolves the context and Dockerfile from the spec's folder and names the repository", () => {
    const config = configWithApp();
    expect(imageSources(config).build).toEqual([
      { name: "web", repositoryName: "shop-dev/web", contextDir: `${config.baseDir}/app`, dockerfile: `${config.baseDir}/app/Dockerfile`, buildArgs: {}, target: undefined, platform: "linux/amd64" },
    ]);
  });

  it("lists one image to build per built service, in the order written, and each image given by URI apart", () => {
    const config = servicesConfig({
      web: { image: { context: "./app" }, port: 8080, expose: "public" },
      db: { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432 },
      worker: { image: { context: "./app" }, command: ["worker"] },
    });
    const { build, external } = imageSources(config);
    expect([build.map((b) => [b.name, b.repositoryName]), external]).toEqual([
      [
        ["web", "shop-dev/web"],
        ["worker", "shop-dev/worker"],
      ],
      [{ name: "db", uri: "public.ecr.aws/docker/library/postgres:17" }],
    ]);
  });

  it("names the service's field when its build context is missing", () => {
    const config = servicesConfig({ web: { image: { context: "./app" }, port: 8080, expose: "public" }, worker: { image: { context: "./worker" } } });
    expect(errorOf(() => imageSources(config))).toBe(
      `services.worker.image.context "./worker" is not a directory (resolved to ${config.baseDir}/worker from the spec's folder).\n` +
        "Set services.worker.image.context to the folder holding your Dockerfile and sources, relative to berth.config.ts, and run again.",
    );
  });
});
