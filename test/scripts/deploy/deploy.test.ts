import { DescribeServicesCommand, ECSClient, type Service } from "@aws-sdk/client-ecs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deploy, type DeployOptions } from "../../../scripts/deploy/deploy";
import type { ResolvedConfig } from "../../../stacks/spec/resolve";
import { recordingProgress, rejectionOf } from "../images/support/fixtures";
import { DIGEST, SHA, callsOf, fakeRunner, type Handler } from "../images/support/fake-runner";
import { APP_TAG, REPOSITORY_URI, configWithApp, mockAws, withoutRepository } from "../images/support/unit";
import { tempDir } from "../run";
import { Interrupted } from "../../../scripts/interrupt";

const CDKTF = "/berth/node_modules/.bin/cdktf";
const OUTPUTS = {
  "shop-dev-fargate": { cluster_name: "shop-dev", service_name: "shop-dev", service_url: "https://shop.example.com" },
};
const stable: Service = {
  status: "ACTIVE",
  desiredCount: 1,
  runningCount: 1,
  deployments: [{ id: "ecs-svc/2", status: "PRIMARY", rolloutState: "COMPLETED", taskDefinition: "td:7" }],
};

/** cdktf writes the outputs file it is asked for; `handler` may override any command. */
const cdktfWritesOutputs =
  (handler: Handler = () => undefined): Handler =>
  (argv, options) => {
    const answer = handler(argv, options);
    if (answer) return answer;
    const file = argv.indexOf("--outputs-file");
    if (argv[0] === CDKTF && file > 0) writeFileSync(argv[file + 1]!, JSON.stringify(OUTPUTS));
    return undefined;
  };

interface Setup {
  images?: Record<string, string>;
  repositoryMissing?: boolean;
  handler?: Handler;
  service?: Service[];
  config?: ResolvedConfig;
  deploy?: Partial<DeployOptions>;
}

function setup(options: Setup = {}) {
  const config = options.config ?? configWithApp();
  const aws = mockAws(options.images);
  if (options.repositoryMissing) withoutRepository(aws.ecr);
  const ecs = mockClient(ECSClient);
  const prepared = options.service ?? [stable];
  // Like the real API, the fake answers only what it knows; a poll past the prepared answers fails the test.
  ecs.onAnyCommand().rejects(new Error("the ECS fake answers only DescribeServices"));
  const answers = ecs.on(DescribeServicesCommand);
  for (const answer of prepared) answers.resolvesOnce({ services: [answer] });
  answers.rejects(new Error(`DescribeServices called more than the ${prepared.length} times the test prepared`));
  const run = fakeRunner(cdktfWritesOutputs(options.handler));
  const progress = recordingProgress();
  const outdir = join(tempDir(), "cdktf.out");
  const result = deploy(
    config,
    { ecr: aws.ecrClient, sts: aws.stsClient, ecs: new ECSClient({ region: "eu-west-1" }), run, progress, env: {}, cdktf: CDKTF, sleep: async () => undefined, clock: () => 0, pollMs: 1 },
    { specPath: "berth.config.ts", outdir, autoApprove: true, dryRun: false, terminal: false, json: false, waitTimeoutSeconds: 600, ...options.deploy },
  );
  return { config, aws, ecs, run, progress, outdir, result };
}

/** Each command as "binary subcommand" ("cdktf deploy", "docker build", ...). */
const commands = (run: { calls: string[][] }) =>
  run.calls.filter((argv) => argv[0] !== "git").map((argv) => `${argv[0] === CDKTF ? "cdktf" : argv[0]} ${argv[1]}`);

describe("deploy", () => {
  it("applies the registry stack, builds and pushes, then applies the target stacks, in this order", async () => {
    const s = setup();
    await s.result;
    expect(commands(s.run)).toEqual([
      "cdktf deploy",
      "docker version",
      "docker buildx",
      "docker login",
      "docker build",
      "docker image",
      "docker tag",
      "docker push",
      "docker push",
      "cdktf deploy",
    ]);
  });

  it("runs cdktf deploy on the synthesized stacks with --auto-approve, the target stacks with an outputs file", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    await s.result;
    expect(callsOf(s.run, CDKTF)).toEqual([
      ["deploy", "shop-dev-registry", "--skip-synth", "--output", s.outdir, "--auto-approve"],
      ["deploy", "shop-dev-fargate", "--skip-synth", "--output", s.outdir, "--auto-approve", "--outputs-file", expect.stringMatching(/berth-deploy-.*\/outputs\.json$/)],
    ]);
  });

  it("synthesizes the target stacks with the published digest pinned before applying them", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    await s.result;
    expect(readFileSync(join(s.outdir, "stacks", "shop-dev-fargate", "cdk.tf.json"), "utf8")).toContain(`${REPOSITORY_URI}@${DIGEST}`);
  });

  it("waits for the ECS service named by the stack outputs and reports the service URL", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    const result = await s.result;
    expect([s.ecs.commandCalls(DescribeServicesCommand)[0]!.args[0].input, result.urls, result.service]).toEqual([
      { cluster: "shop-dev", services: ["shop-dev"] },
      { fargate: "https://shop.example.com" },
      { cluster: "shop-dev", name: "shop-dev", taskDefinition: "td:7", runningCount: 1, desiredCount: 1 },
    ]);
  });

  it("lists what it did", async () => {
    const s = setup({ images: { "h-": DIGEST } });
    expect((await s.result).steps).toEqual([
      "applied shop-dev-registry",
      "published web (reused)",
      "applied shop-dev-fargate",
      "ECS service shop-dev/shop-dev stable: 1/1 running td:7",
    ]);
  });

  it("reports a circuit-breaker rollback as a failure, saying what was already done", async () => {
    const failed: Service = {
      ...stable,
      deployments: [
        { id: "ecs-svc/3", status: "PRIMARY", rolloutState: "IN_PROGRESS", taskDefinition: "td:6" },
        { id: "ecs-svc/2", status: "ACTIVE", rolloutState: "FAILED", rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.", taskDefinition: "td:7" },
      ],
    };
    const message = await rejectionOf(setup({ images: { "h-": DIGEST }, service: [failed] }).result);
    expect([message.split("\n")[0], message.split("\n").at(-1)]).toEqual([
      "ECS rolled back the deployment of shop-dev/shop-dev: deployment ecs-svc/2 FAILED (ECS deployment circuit breaker: tasks failed to start.).",
      "Done before this failure: applied shop-dev-registry; published web (reused); applied shop-dev-fargate.",
    ]);
  });

  it("says which steps were done when applying the target stacks fails", async () => {
    const s = setup({
      images: { "h-": DIGEST },
      handler: (argv) => (argv[0] === CDKTF && argv[2] === "shop-dev-fargate" ? { code: 1, stderr: "Error: creating ECS Service: InvalidParameterException" } : undefined),
    });
    expect(await rejectionOf(s.result)).toBe(
      "cdktf deploy shop-dev-fargate failed (exit 1):\nError: creating ECS Service: InvalidParameterException\n" +
        "Fix what Terraform reports (it needs terraform >= 1.10 on the PATH, network access to its provider registry, and AWS credentials) and run berth deploy again.\n" +
        "Done before this failure: applied shop-dev-registry; published web (reused).",
    );
  });

  it("stopped during the target stacks' apply says Terraform saves its state and what was done, as an Interrupted", async () => {
    const s = setup({ images: { "h-": DIGEST }, handler: (argv) => (argv[0] === CDKTF && argv[2] === "shop-dev-fargate" ? new Interrupted("SIGINT") : undefined) });
    const error = (await s.result.catch((e: unknown) => e)) as Interrupted;
    expect([error instanceof Interrupted, error.message]).toEqual([
      true,
      "Stopped by SIGINT.\n" +
        "cdktf deploy shop-dev-fargate was stopped: Terraform finishes the calls it has started and saves its state. Run berth deploy again to finish.\n" +
        "Done before this failure: applied shop-dev-registry; published web (reused).",
    ]);
  });

  it("stopped while waiting for the ECS service says ECS goes on with its deployment", async () => {
    const config = configWithApp();
    const aws = mockAws({ "h-": DIGEST });
    mockClient(ECSClient).on(DescribeServicesCommand).resolves({ services: [{ ...stable, deployments: [{ id: "ecs-svc/3", status: "PRIMARY", rolloutState: "IN_PROGRESS" }] }] });
    const deps = {
      ecr: aws.ecrClient, sts: aws.stsClient, ecs: new ECSClient({ region: "eu-west-1" }), run: fakeRunner(cdktfWritesOutputs()), progress: recordingProgress(), env: {}, cdktf: CDKTF,
      sleep: () => Promise.reject(new Interrupted("SIGTERM")), clock: () => 0, pollMs: 1,
    };
    const options = { specPath: "berth.config.ts", outdir: join(tempDir(), "cdktf.out"), autoApprove: true, dryRun: false, terminal: false, json: false, waitTimeoutSeconds: 600 };
    const error = (await deploy(config, deps, options).catch((e: unknown) => e)) as Interrupted;
    expect([error.signal, error.message.split("\n").slice(1)]).toEqual([
      "SIGTERM",
      [
        "berth stopped waiting for ECS service shop-dev/shop-dev; ECS goes on with its deployment (the circuit breaker still rolls back a failing one). Watch it in the ECS console, or run berth deploy again to wait for it.",
        "Done before this failure: applied shop-dev-registry; published web (reused); applied shop-dev-fargate.",
      ],
    ]);
  });

  it("publishes nothing when the registry stack fails to apply", async () => {
    const s = setup({ handler: (argv) => (argv[0] === CDKTF ? { code: 1, stderr: "Error: terraform not found" } : undefined) });
    await rejectionOf(s.result);
    expect(commands(s.run)).toEqual(["cdktf deploy"]);
  });

  it("checks the AWS credentials before applying anything", async () => {
    const aws = mockAws();
    aws.sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    const run = fakeRunner();
    const message = await rejectionOf(
      deploy(
        configWithApp(),
        { ecr: aws.ecrClient, sts: aws.stsClient, ecs: new ECSClient({ region: "eu-west-1" }), run, progress: recordingProgress(), env: {}, cdktf: CDKTF },
        { specPath: "berth.config.ts", outdir: join(tempDir(), "out"), autoApprove: true, dryRun: false, terminal: false, json: false, waitTimeoutSeconds: 600 },
      ),
    );
    expect([message.split("\n")[0], callsOf(run, CDKTF)]).toEqual(["No AWS credentials found for STS GetCallerIdentity in eu-west-1.", []]);
  });

  it("requires --auto-approve when not run in a terminal, before touching AWS", async () => {
    const s = setup({ deploy: { autoApprove: false, terminal: false } });
    const message = await rejectionOf(s.result);
    expect([message, s.run.calls, s.aws.sts.calls().length]).toEqual([
      "berth deploy needs --auto-approve when not run in a terminal (CI): cdktf cannot ask for approval.\n" +
        "Review the plan first (berth deploy --dry-run, npx cdktf diff), then run berth deploy --auto-approve.",
      [],
      0,
    ]);
  });

  it("requires --auto-approve with --json", async () => {
    const message = await rejectionOf(setup({ deploy: { autoApprove: false, terminal: true, json: true } }).result);
    expect(message.split("\n")[0]).toBe("berth deploy needs --auto-approve with --json (stdout carries the JSON, so cdktf cannot ask there).");
  });

  it("lets cdktf ask for approval in the terminal without --auto-approve", async () => {
    const s = setup({ images: { "h-": DIGEST }, deploy: { autoApprove: false, terminal: true } });
    await s.result;
    expect(s.run.calls.flatMap((argv, i) => (argv[0] === CDKTF ? [[argv.includes("--auto-approve"), s.run.options[i]!.interactive]] : []))).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it("in a dry run lists every step with the image tags and whether the image would be skipped, and runs nothing", async () => {
    const s = setup({ images: { "h-": DIGEST }, deploy: { dryRun: true } });
    const result = await s.result;
    expect([result.steps, commands(s.run)]).toEqual([
      [
        `synthesize shop (dev) into ${s.outdir}`,
        `apply the registry stack: ${CDKTF} deploy shop-dev-registry --skip-synth --output ${s.outdir} --auto-approve`,
        `publish web: would skip: ${APP_TAG} is already in ECR as ${REPOSITORY_URI}@${DIGEST}`,
        "synthesize again, pinning the published digests",
        `apply the target stacks: ${CDKTF} deploy shop-dev-fargate --skip-synth --output ${s.outdir} --auto-approve --outputs-file <temporary outputs file>`,
        "wait up to 600 s for the ECS service (cluster_name, service_name outputs) to be stable; a circuit-breaker rollback fails the deploy",
        "print the app's URL (shop-dev-fargate.service_url)",
      ],
      [],
    ]);
  });

  it("in a dry run before the registry exists says the image would be built, with its tags", async () => {
    const s = setup({ repositoryMissing: true, deploy: { dryRun: true } });
    const result = await s.result;
    expect(result.steps[2]).toBe(
      `publish web: would build for linux/amd64 and push shop-dev/web with tags ${APP_TAG}, git-${SHA.slice(0, 12)}\n     note: repository shop-dev/web does not exist yet`,
    );
  });
});
