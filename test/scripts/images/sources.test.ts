import { imageSources } from "../../../scripts/images/sources";
import { errorOf } from "../../helpers";
import { configWithApp } from "./support/unit";

describe("imageSources", () => {
  it("never sees an image whose platform the EC2 host cannot run: the spec refuses it at ec2.instanceType", () => {
    const spec = { targets: ["ec2"], fargate: undefined, image: { context: "./app", platform: "linux/amd64" }, ec2: { instanceType: "t4g.small" } };
    expect(errorOf(() => imageSources(configWithApp(spec)))).toContain(
      'ec2.instanceType: runs linux/arm64 but image.platform is "linux/amd64": choose an x86_64 type such as "t3.small", or build the image for linux/arm64 (got "t4g.small")',
    );
  });

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
