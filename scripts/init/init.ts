import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { BerthError } from "../../stacks/errors";
import { validateConfig } from "../../stacks/spec/validate";

import type { InitTarget } from "./targets";

export interface InitOptions {
  /** @default - the project's package.json name, else its folder's name, made a valid app name */
  readonly app?: string;
  /** @default - AWS_REGION, else AWS_DEFAULT_REGION, else "eu-west-1" */
  readonly region?: string;
  /** @default "fargate" */
  readonly target?: InitTarget;
}

export interface InitResult {
  readonly app: string;
  readonly region: string;
  readonly target: InitTarget;
  /** Files written, relative to the project. */
  readonly written: readonly string[];
  /** Files left as they were (cdktf.json or .dockerignore already there). */
  readonly kept: readonly string[];
  /** Lines added to .gitignore. */
  readonly ignored: readonly string[];
}

/** What the starter build context (the project's folder) leaves out of the image, when the project has no .dockerignore. */
export const DOCKERIGNORE_LINES = ["node_modules", ".git", "cdktf.out", ".berth", ".terraform", "*.tfstate*", "secrets.local.env"];

/** What a berth project keeps out of git: synthesized stacks, berth's build cache and image manifest, local state, local secrets. */
export const GITIGNORE_LINES = ["cdktf.out/", ".berth/", "*.tfstate", "*.tfstate.*", ".terraform/", "secrets.local.env"];

/**
 * `berth init`: a starter berth.config.ts, a cdktf.json whose app runs berth (for `npx cdktf
 * synth`/`deploy`), a .dockerignore when there is none, and .gitignore entries, in `dir`. Asks nothing: the flags decide, with
 * defaults from the project and the environment. Refuses to replace an existing spec.
 */
export function init(dir: string, options: InitOptions, env: NodeJS.ProcessEnv = process.env): InitResult {
  const spec = join(dir, "berth.config.ts");
  if (existsSync(spec)) {
    throw new BerthError(`berth init: ${spec} exists already; berth init writes a new project's spec and changes no existing one.\nEdit that file, or remove it and run berth init again.`);
  }
  const app = options.app ?? defaultAppName(dir);
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "eu-west-1";
  const target = options.target ?? "fargate";
  const targets = target === "both" ? ["ec2", "fargate"] : [target];
  // The starter spec is checked as any spec would be: a bad --app or --region is refused here, by the spec's own rules.
  try {
    validateConfig({ app, region, targets, image: { context: "." }, port: 8080, ...(targets.includes("fargate") ? { fargate: { plainHttp: true } } : {}) }, "berth init");
  } catch (error) {
    throw new BerthError(`${(error as Error).message}\nGive berth init a valid --app (2-20 lower case letters, digits and single hyphens) and --region (e.g. eu-west-1).`);
  }
  writeFileSync(spec, starterSpec(app, region, targets));
  const written = ["berth.config.ts"];
  const kept: string[] = [];
  const cdktf = join(dir, "cdktf.json");
  if (existsSync(cdktf)) {
    kept.push("cdktf.json");
  } else {
    writeFileSync(cdktf, `${JSON.stringify({ language: "typescript", app: "npx berth synth", output: "cdktf.out", terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`);
    written.push("cdktf.json");
  }
  // The starter spec's build context is the project: without these lines every build (and every
  // synth, which hashes the context for the image's content tag) would read node_modules.
  const dockerignore = join(dir, ".dockerignore");
  if (existsSync(dockerignore)) {
    kept.push(".dockerignore");
  } else {
    writeFileSync(dockerignore, `${DOCKERIGNORE_LINES.join("\n")}\n`);
    written.push(".dockerignore");
  }
  const ignored = addToGitignore(join(dir, ".gitignore"));
  return { app, region, target, written, kept, ignored };
}

/** The project's package.json name, else its folder's name, as an app name: lower case, hyphens, 2-20 characters, starting with a letter. */
function defaultAppName(dir: string): string {
  const pkg = join(dir, "package.json");
  const name = existsSync(pkg) ? ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name ?? "") : "";
  const cleaned = (name.replace(/^@[^/]+\//, "") || basename(dir))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 20)
    .replace(/-+$/, "");
  return cleaned.length >= 2 ? cleaned : "app";
}

function starterSpec(app: string, region: string, targets: readonly string[]): string {
  const fargate = targets.includes("fargate")
    ? `  // Plain HTTP for a first try; give fargate.https (a certificate ARN, or a domain and its Route 53
  // zone) before real traffic, and remove plainHttp.
  fargate: { plainHttp: true },
`
    : "";
  return `import { defineConfig } from "berth";

// The app's spec (docs/spec.md): berth synth, berth publish, berth deploy and berth up read it.
export default defineConfig({
  app: ${JSON.stringify(app)},
  region: ${JSON.stringify(region)},
  targets: ${JSON.stringify(targets)},
  // The folder of the app's Dockerfile, relative to this file.
  image: { context: "." },
  // The port the app listens on in its container.
  port: 8080,
  healthCheck: { path: "/" },
${fargate}});
`;
}

/** Appends the lines .gitignore lacks (creating it); returns them. */
function addToGitignore(file: string): string[] {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = GITIGNORE_LINES.filter((line) => !present.has(line));
  if (missing.length > 0) writeFileSync(file, `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}# berth\n${missing.join("\n")}\n`);
  return missing;
}

/** What berth init prints: what it wrote, then the next steps. */
export function formatInit(result: InitResult): string {
  return [
    `berth init: ${result.app} (${result.region}, target ${result.target})`,
    `  wrote: ${result.written.join(", ")}${result.kept.length > 0 ? `; kept: ${result.kept.join(", ")}` : ""}`,
    ...(result.ignored.length > 0 ? [`  .gitignore: added ${result.ignored.join(" ")}`] : []),
    "next:",
    "  1. point image.context at your Dockerfile's folder and set port in berth.config.ts",
    "  2. npx berth synth                 Terraform JSON in cdktf.out/, no AWS credentials needed",
    "  3. npx berth up                    run the app on this machine with Docker",
    "  4. npx berth deploy                publish the image to ECR and apply (AWS credentials, terraform >= 1.10)",
  ].join("\n");
}
