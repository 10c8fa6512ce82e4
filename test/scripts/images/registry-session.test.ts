import { GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { Docker } from "../../../scripts/images/docker";
import { Ecr } from "../../../scripts/images/ecr";
import { RegistrySession } from "../../../scripts/images/registry-session";
import { recordingProgress, rejectionOf } from "./support/fixtures";
import { callsOf, fakeRunner, type Handler } from "./support/fake-runner";
import { PASSWORD, mockAws } from "./support/unit";

function session(handler?: Handler) {
  const aws = mockAws();
  const run = fakeRunner(handler);
  const progress = recordingProgress();
  const s = new RegistrySession(new Docker(run, {}), new Ecr(aws.ecrClient, aws.stsClient, "eu-west-1"), progress, { attempts: 3, baseDelayMs: 1 }, async () => undefined);
  return { s, run, aws, progress };
}

describe("RegistrySession", () => {
  it("logs in once per registry and asks ECR for one token per run", async () => {
    const { s, run, aws } = session();
    await Promise.all([s.login("a.example"), s.login("a.example"), s.login("b.example")]);
    expect([callsOf(run), aws.ecr.commandCalls(GetAuthorizationTokenCommand).length]).toEqual([
      [
        ["login", "--username", "AWS", "--password-stdin", "a.example"],
        ["login", "--username", "AWS", "--password-stdin", "b.example"],
      ],
      1,
    ]);
  });

  it("checks docker once per run", async () => {
    const { s, run } = session();
    await s.builder();
    await s.builder();
    expect(callsOf(run).filter((argv) => argv[0] === "version").length).toBe(1);
  });

  it("retries an unreachable registry and then says what to check", async () => {
    const { s, run, progress } = session(() => ({ code: 1, stderr: "Error response from daemon: Get \"https://a.example/v2/\": dial tcp: connect: connection refused" }));
    const message = await rejectionOf(s.login("a.example"));
    expect({ logins: callsOf(run).length, message, retries: progress.lines.length }).toEqual({
      logins: 3,
      message:
        "docker login to a.example failed after 3 tries (exit 1):\n" +
        'Error response from daemon: Get "https://a.example/v2/": dial tcp: connect: connection refused\n' +
        "The registry could not be reached: check the network, any proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL_ECR, then run again. Nothing was pushed.",
      retries: 2,
    });
  });

  it("does not retry a login the registry refuses", async () => {
    const { s, run } = session(() => ({ code: 1, stderr: "Error response from daemon: login attempt failed with status: 401 Unauthorized" }));
    await rejectionOf(s.login("a.example"));
    expect(callsOf(run).length).toBe(1);
  });

  it("passes the token's password on stdin", async () => {
    const { s, run } = session();
    await s.login("a.example");
    expect(run.inputs).toEqual([PASSWORD]);
  });
});
