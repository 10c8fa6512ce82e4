import { imageSources } from "../../../scripts/images/sources";
import { errorOf } from "../../helpers";
import { configWithApp } from "./support/unit";

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
});
