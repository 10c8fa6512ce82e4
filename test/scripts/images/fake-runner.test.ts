import { fakeRunner } from "./support/fake-runner";

/** The fake docker runner must not let a test pass on a command line berth does not run. */
describe("fakeRunner", () => {
  it("refuses a docker subcommand berth does not run", async () => {
    await expect(fakeRunner()(["docker", "rmi", "x"])).rejects.toThrow("fake runner: unknown docker command: docker rmi x");
  });

  it("refuses a build flag berth does not pass", async () => {
    await expect(fakeRunner()(["docker", "build", "--squash", "/app"])).rejects.toThrow("fake runner: unknown build flag --squash: docker build --squash /app");
  });

  it("refuses a buildx-only flag on the legacy docker build", async () => {
    await expect(fakeRunner()(["docker", "build", "--load", "/app"])).rejects.toThrow("fake runner: unknown build flag --load: docker build --load /app");
  });

  it("refuses a build without a context directory last", async () => {
    await expect(fakeRunner()(["docker", "build", "--platform", "linux/amd64"])).rejects.toThrow("fake runner: no build context last: docker build --platform linux/amd64");
  });

  it("refuses even when a handler would answer", async () => {
    await expect(fakeRunner(() => ({}))(["docker", "info"])).rejects.toThrow("fake runner: unknown docker command: docker info");
  });

  it("answers a buildx build with the flags berth passes", async () => {
    const argv = ["docker", "buildx", "build", "--platform", "linux/arm64", "--load", "--provenance=false", "--file", "/app/Dockerfile", "--tag", "r:h-1", "--no-cache", "/app"];
    expect((await fakeRunner()(argv)).code).toBe(0);
  });

  it("refuses a compose command berth does not run", async () => {
    await expect(fakeRunner()(["docker-compose", "--project-name", "p", "--file", "f", "ps"])).rejects.toThrow("fake runner: unknown compose command: docker-compose --project-name p --file f ps");
  });

  it("refuses compose up without --detach, which would wait on the containers", async () => {
    await expect(fakeRunner()(["docker", "compose", "--project-name", "p", "--file", "f", "up"])).rejects.toThrow("fake runner: unknown compose command: docker compose --project-name p --file f up");
  });

  // docker 28's CLI without the compose plugin, and Debian's docker-compose 1.29.2, observed here.
  it("answers as a docker without the compose plugin, beside docker-compose 1.29.2", async () => {
    const run = fakeRunner();
    expect([await run(["docker", "compose", "version", "--short"]), await run(["docker-compose", "version", "--short"])]).toEqual([
      { code: 125, stdout: "", stderr: "unknown flag: --short\n" },
      { code: 0, stdout: "1.29.2\n", stderr: "" },
    ]);
  });
});

