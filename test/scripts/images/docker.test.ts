import { Docker, normalisePlatform } from "../../../scripts/images/docker";
import { rejectionOf } from "./support/fixtures";
import { fakeRunner, notFound } from "./support/fake-runner";

describe("Docker", () => {
  it("runs the binary named by BERTH_DOCKER", async () => {
    const run = fakeRunner((argv) => (argv[1] === "tag" ? {} : undefined));
    await new Docker(run, { BERTH_DOCKER: "/opt/docker/bin/docker" }).tag("a:1", "a:2");
    expect(run.calls).toEqual([["/opt/docker/bin/docker", "tag", "a:1", "a:2"]]);
  });

  it("runs docker from the PATH by default", async () => {
    const run = fakeRunner((argv) => (argv[1] === "tag" ? {} : undefined));
    await new Docker(run, {}).tag("a:1", "a:2");
    expect(run.calls[0]![0]).toBe("docker");
  });

  it("says docker is not installed when the binary cannot be run", async () => {
    const docker = new Docker(fakeRunner(() => notFound("docker")), {});
    expect(await rejectionOf(docker.preflight())).toBe(
      'Docker not found: could not run "docker" (looked up on the PATH; ENOENT).\n' +
        "Install Docker (https://docs.docker.com/engine/install/), or set BERTH_DOCKER to the path of the docker binary, then run again.",
    );
  });

  it("says the daemon is not running when docker cannot reach it", async () => {
    const docker = new Docker(
      fakeRunner((argv) => (argv[1] === "version" ? { code: 1, stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" } : undefined)),
      {},
    );
    expect(await rejectionOf(docker.preflight())).toBe(
      "Docker is installed but its daemon is not reachable (docker version exited 1):\n" +
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n" +
        "Start Docker (Docker Desktop, or: sudo systemctl start docker), check DOCKER_HOST and `docker context ls`, then run again.",
    );
  });

  it("reports whether buildx is there and the daemon's platform", async () => {
    const docker = new Docker(fakeRunner((argv) => (argv[1] === "buildx" ? {} : undefined)), {});
    expect(await docker.preflight()).toEqual({ buildx: true, daemonPlatform: "linux/amd64" });
  });

  it("names an aarch64 daemon linux/arm64, as image.platform does", async () => {
    const docker = new Docker(fakeRunner((argv) => (argv[1] === "version" ? { stdout: "20.10.24 linux/aarch64\n" } : undefined)), {});
    expect(await docker.preflight()).toEqual({ buildx: false, daemonPlatform: "linux/arm64" });
  });

  it("leaves the daemon's platform unknown when docker version does not print os/arch", async () => {
    const docker = new Docker(fakeRunner((argv) => (argv[1] === "version" ? { stdout: "20.10.24 /\n" } : undefined)), {});
    expect(await docker.preflight()).toEqual({ buildx: false });
  });

  it("maps uname's architecture names to Go's", () => {
    expect(["linux/x86_64", "linux/aarch64", "linux/arm64", "linux"].map(normalisePlatform)).toEqual(["linux/amd64", "linux/arm64", "linux/arm64", undefined]);
  });

  it("returns the digest docker push reports", async () => {
    const digest = `sha256:${"d".repeat(64)}`;
    const docker = new Docker(fakeRunner(() => ({ stdout: `abc: Pushed\nh-1: digest: ${digest} size: 524\n` })), {});
    expect(await docker.push("r/x:h-1", () => undefined)).toBe(digest);
  });
});
