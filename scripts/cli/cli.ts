import { Command, InvalidArgumentError, Option } from "commander";
import { defaultSpecPath } from "../paths";
import { INIT_TARGETS, type InitTarget } from "../init/targets";
import { CHECK_FORMATS, check, type CheckFormat } from "../policy/check";
import { runMain } from "./run-main";
import { strictSettings } from "../synth/strict";

/**
 * The `berth` command line: a thin layer over the functions in scripts/. Each command loads its
 * implementation when it runs, so that `berth publish` never loads cdktf and the provider bindings.
 */
export function buildCli(): Command {
  const program = new Command("berth")
    .description("Ship a Docker app to AWS as one EC2 Docker host or an ECS Fargate service (CDK for Terraform).")
    .showHelpAfterError("(run berth --help for usage)");

  program
    .command("synth")
    .description("Validate the spec and write Terraform JSON for every stack it asks for; no AWS credentials needed.")
    .option("-c, --config <path>", "the app spec (berth.config.ts)", defaultSpecPath())
    // The cdktf CLI runs berth synth as its app (cdktf.json) with CDKTF_OUTDIR set.
    .option("-o, --out <dir>", "output directory", process.env.CDKTF_OUTDIR ?? "cdktf.out")
    .option("--strict", STRICT_HELP)
    .action((opts: { config: string; out: string; strict?: boolean }) =>
      runMain(async () => {
        const strict = strictSettings(opts.strict === true, process.env);
        const { checkOutDir, formatSummary, synth } = await import("../synth/synth.js");
        checkOutDir(opts.out);
        process.stdout.write(`${formatSummary(synth(opts.config, opts.out, strict), opts.config)}\n`);
      }),
    );

  program
    .command("init")
    .description("Start a berth project in the current folder: a berth.config.ts, a cdktf.json whose app runs berth, and .gitignore entries. Asks nothing; the flags decide.")
    .option("--app <name>", "the app's name (default: package.json's name, else the folder's)")
    .option("--region <region>", "the AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION, else eu-west-1)")
    .addOption(new Option("--target <target>", "where the app runs").choices(INIT_TARGETS).default("fargate"))
    .action((opts: { app?: string; region?: string; target: InitTarget }) =>
      runMain(async () => {
        const { formatInit, init } = await import("../init/init.js");
        process.stdout.write(`${formatInit(init(process.cwd(), opts))}\n`);
      }),
    );

  program
    .command("check")
    .description(
      "Run the policy rules (docs/policy.md) on stacks already synthesized into --out, with the spec's suppressions. Exit codes: 0 no unsuppressed error findings, 1 bad input, 2 unsuppressed error findings.",
    )
    .option("-o, --out <dir>", "the synthesized output folder (holding manifest.json)", "cdktf.out")
    .addOption(new Option("-f, --format <format>", "text, json, or sarif (SARIF 2.1.0 for GitHub code scanning)").choices(CHECK_FORMATS).default("text"))
    .action((opts: { out: string; format: CheckFormat }) =>
      runMain(() => {
        const result = check(opts.out, opts.format);
        process.stdout.write(`${result.output}\n`);
        process.exitCode = result.exitCode;
      }),
    );

  program
    .command("publish")
    .description(
      "Build, tag and push the spec's images to ECR, skipping those already there, and record their digests in <spec folder>/.berth/images.json for synth to pin.",
    )
    .option("-c, --config <path>", "the app spec (berth.config.ts)", defaultSpecPath())
    .option("--dry-run", "print the tags and whether each image would be built or skipped; build, push and write nothing")
    .option("--no-cache", "build without docker's layer cache")
    .option("--json", "print the result as one JSON document on stdout (progress stays on stderr)")
    .action((opts: { config: string; dryRun?: boolean; cache: boolean; json?: boolean }) => runMain(async () => (await import("../images/command.js")).publishCommand(opts)));

  program
    .command("deploy")
    .description(
      "Apply the registry stack, publish the images, synthesize with their digests, apply the target stacks and wait for the Fargate service to be stable.",
    )
    .option("-c, --config <path>", "the app spec (berth.config.ts)", defaultSpecPath())
    .option("-o, --out <dir>", "where the stacks are synthesized", "cdktf.out")
    .option("--auto-approve", "apply without asking for approval (required in CI and with --json)")
    .option("--dry-run", "print every step with the image tags and whether each image would be skipped; change nothing")
    .option("--wait-timeout <seconds>", "how long to wait for the ECS service to be stable (60-7200)", waitTimeout, 900)
    .option("--no-cache", "build without docker's layer cache")
    .option("--json", "print the result as one JSON document on stdout (progress stays on stderr)")
    .option("--strict", STRICT_HELP)
    .action((opts: { config: string; out: string; autoApprove?: boolean; dryRun?: boolean; waitTimeout: number; cache: boolean; json?: boolean; strict?: boolean }) =>
      runMain(async () => {
        const strict = strictSettings(opts.strict === true, process.env);
        (await import("../synth/synth.js")).checkOutDir(opts.out);
        return (await import("../deploy/command.js")).deployCommand({ ...opts, strict });
      }),
    );

  program
    .command("up")
    .description(
      "Run the app on this machine's Docker from the spec: build its image, write the compose file the EC2 host runs (.berth/local/compose.yaml), and start it detached with docker compose; secrets come from a local dotenv file.",
    )
    .option("-c, --config <path>", "the app spec (berth.config.ts)", defaultSpecPath())
    .option("-p, --port <port>", "port on 127.0.0.1 serving the app (1-65535; default: the app's port)", hostPort)
    .option("--secrets-file <path>", "dotenv file with a local value for each of the spec's secrets (default: secrets.local.env beside the spec)")
    .option("--no-cache", "build without docker's layer cache")
    .option("--json", "print the result as one JSON document on stdout (progress stays on stderr)")
    .action((opts: { config: string; port?: number; secretsFile?: string; cache: boolean; json?: boolean }) => runMain(async () => (await import("../local/command.js")).upCommand(opts)));

  program
    .command("down")
    .description("Stop and remove what berth up started for the spec (containers, network); the app's volumes stay unless --volumes.")
    .option("-c, --config <path>", "the app spec (berth.config.ts)", defaultSpecPath())
    .option("--volumes", "delete the app's named volumes (its data) too")
    .option("--json", "print the result as one JSON document on stdout (progress stays on stderr)")
    .action((opts: { config: string; volumes?: boolean; json?: boolean }) => runMain(async () => (await import("../local/command.js")).downCommand(opts)));

  return program;
}

const STRICT_HELP =
  "refuse a spec with warnings (secret-looking plain values, a root container); also on with BERTH_STRICT=1, and with CI=true for stage prod unless BERTH_STRICT=0";

function waitTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 7200) throw new InvalidArgumentError("must be a whole number of seconds from 60 to 7200.");
  return seconds;
}

function hostPort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError("must be a whole number from 1 to 65535.");
  return port;
}
