import { PLATFORMS } from "../../constructs/limits/images";
import { BerthError } from "../../stacks/errors";
import type { Builder } from "./docker";
import type { ImageSource } from "./sources";

/**
 * Refuses, before anything is built, an image whose platform docker's legacy builder cannot
 * produce: without buildx it builds only for the daemon's own platform. When docker does not say
 * its platform, the build runs and the check after it (builtPlatformProblem) decides.
 */
export function assertBuildablePlatform(source: ImageSource, builder: Builder): void {
  if (builder.buildx || !builder.daemonPlatform || builder.daemonPlatform === source.platform) return;
  throw new BerthError(
    `Cannot build image ${source.name} for ${source.platform} (image.platform): the docker daemon here is ${builder.daemonPlatform} and has no buildx, ` +
      `and docker's legacy builder builds only for the daemon's own platform. Nothing was built or pushed.\n${crossPlatformAdvice(source, builder.daemonPlatform)}`,
  );
}

/**
 * Why an image built as `built` is not its target platform, and what to do; undefined when it is.
 * Without buildx a foreign platform means the builder, not the Dockerfile.
 */
export function builtPlatformProblem(source: ImageSource, built: string, builder: Builder): string | undefined {
  if (built === source.platform) return undefined;
  const head =
    `The image built for ${source.name} is ${built}, but its target is ${source.platform} (image.platform; the Fargate task and the EC2 host run that architecture): ` +
    "it would fail to start on AWS. Nothing was pushed.\n";
  // The legacy builder produced the daemon's platform (the image shows it when docker did not say).
  const daemon = builder.daemonPlatform ?? built;
  if (!builder.buildx && daemon !== source.platform) {
    return `${head}docker's legacy builder (no buildx here) builds only for the daemon's platform, ${daemon}.\n${crossPlatformAdvice(source, daemon)}`;
  }
  return (
    `${head}Check FROM lines that pin another --platform in ${source.dockerfile}` +
    (builder.buildx ? "" : `, and base images pulled earlier for another platform (docker pull --platform ${source.platform} <image> replaces them)`) +
    ", then run again."
  );
}

function crossPlatformAdvice(source: ImageSource, daemon: string): string {
  const arch = source.platform.split("/")[1]!;
  const ways = [
    `install the docker buildx plugin (https://docs.docker.com/build/install-buildx/) and register QEMU emulation for ${arch} (docker run --privileged --rm tonistiigi/binfmt --install ${arch})`,
    `run berth publish on a native ${source.platform} machine or CI runner`,
  ];
  // Only a platform berth supports is worth suggesting for image.platform.
  if ((PLATFORMS as readonly string[]).includes(daemon)) ways.push(`set image.platform to "${daemon}" if the service can run on that architecture`);
  return `Without buildx, image.platform must be ${daemon} on this machine. To build ${source.platform}, do one of: ${ways.join("; or ")}. Then run again.`;
}
