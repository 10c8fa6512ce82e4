import { Command } from "commander";
import { EXAMPLE_SPEC } from "./paths";
import { runMain } from "./run-main";
import { formatSummary, synth } from "./synth";

/** The `berth` command line: a thin layer over the functions in scripts/. */
export function buildCli(): Command {
  const program = new Command("berth")
    .description("Ship a Docker app to AWS as one EC2 Docker host or an ECS Fargate service (CDK for Terraform).")
    .showHelpAfterError("(run berth --help for usage)");

  program
    .command("synth")
    .description("Validate the spec and write Terraform JSON for every stack it asks for; no AWS credentials needed.")
    .option("-c, --config <path>", "the app spec (berth.config.ts)", process.env.BERTH_CONFIG ?? EXAMPLE_SPEC)
    .option("-o, --out <dir>", "output directory", "cdktf.out")
    .action((opts: { config: string; out: string }) =>
      runMain(() => {
        process.stdout.write(`${formatSummary(synth(opts.config, opts.out), opts.config)}\n`);
      }),
    );

  return program;
}
