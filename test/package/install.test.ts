import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { startFakeEcr, startRegistry, type FakeEcr, type LocalRegistry } from "../scripts/images/support/local-ecr";
import { tempDir } from "../scripts/run";
import { describeWithTerraform, stackWorkDir, terraform } from "../terraform/support/terraform";

/**
 * berth as users get it: `npm pack` of this checkout, installed from the tarball into a new project
 * outside the repository (npm's cache warm from this checkout's install), then used there as the
 * README says: `npx berth init`, `npx berth synth`, `cdktf synth` through cdktf.json, `npx berth
 * publish --dry-run`; `import { defineConfig } from "berth"` type-checked by the project's own tsc;
 * and a cdktf app of the user's own built from `berth/constructs` (Network, LoadBalancer,
 * FargateService, EcrRepository, Ec2Host).
 */

const root = join(__dirname, "..", "..");
const work = tempDir();
const project = join(work, "shop");
let tarball = "";
let install: { status: number | null; seconds: number; stderr: string } = { status: null, seconds: 0, stderr: "" };

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program in `cwd` without npm's own variables (a test run under `npm test` has them: they would point npm at this checkout). */
function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}, timeout = 300000): Ran {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
  const result = spawnSync(command, args, { cwd, env: { ...clean, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8", timeout });
  if (result.error) throw new Error(`${command} ${args.join(" ")} could not run: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const npx = (args: readonly string[], env: Record<string, string> = {}) => run("npx", ["--no-install", ...args], project, env);

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

beforeAll(() => {
  const pack = run("npm", ["pack", "--pack-destination", work, "--silent"], root);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  tarball = join(work, pack.stdout.trim().split("\n").at(-1)!);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "shop", version: "1.0.0", private: true }, null, 2)}\n`);
  const started = Date.now();
  // typescript and @types/node: the user's own compiler, for the type checks below.
  const installed = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, "typescript@5.9.3", "@types/node@20.19.9"], project);
  install = { status: installed.status, seconds: (Date.now() - started) / 1000, stderr: installed.stderr };
  if (installed.status !== 0) throw new Error(`npm install of the tarball failed:\n${installed.stderr}`);
  // The app's image: a Dockerfile in the project's folder, as berth init's spec expects.
  writeFileSync(join(project, "Dockerfile"), "FROM scratch\nCOPY Dockerfile /\n");
}, 600000);

describe("the packed package", () => {
  it("is a tarball of less than 1 MB", () => {
    expect(statSync(tarball).size).toBeLessThan(1024 * 1024);
  });

  it("installs into a new project with npm install", () => {
    expect(install.status).toBe(0);
  });

  it("brings its peer dependencies cdktf, constructs and @cdktf/provider-aws into the project, one copy each", () => {
    const copies = ["cdktf", "constructs", join("@cdktf", "provider-aws")].map((name) => [existsSync(join(project, "node_modules", name, "package.json")), existsSync(join(project, "node_modules", "berth", "node_modules", name))]);
    expect(copies).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
  });

  it("holds no TypeScript source, test or example: compiled JavaScript and type declarations", () => {
    const files = filesUnder(join(project, "node_modules", "berth"));
    expect(files.filter((f) => (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.startsWith("test") || f.startsWith("examples") || f.startsWith("scripts"))).toEqual([]);
  });
});

describe("berth in the user's project", () => {
  let synth: Ran;

  beforeAll(() => {
    const init = npx(["berth", "init", "--app", "shop", "--region", "eu-west-1", "--target", "both"]);
    if (init.status !== 0) throw new Error(`berth init failed:\n${init.stderr}`);
    synth = npx(["berth", "synth"]);
  }, 300000);

  it("berth init writes the spec, cdktf.json and .gitignore in the project", () => {
    expect(["berth.config.ts", "cdktf.json", ".gitignore"].map((f) => existsSync(join(project, f)))).toEqual([true, true, true]);
  });

  it("berth synth reads ./berth.config.ts and writes the stacks into the project's cdktf.out", () => {
    expect([synth.status, synth.stderr, readdirSync(join(project, "cdktf.out", "stacks")).sort()]).toEqual([0, "", ["shop-dev-ec2", "shop-dev-fargate", "shop-dev-registry"]]);
  });

  it("keeps berth's build cache in the project's .berth, and writes nothing into node_modules/berth", () => {
    const inside = filesUnder(join(project, "node_modules", "berth")).filter((f) => f.startsWith(".berth") || f.startsWith("cdktf.out"));
    expect([existsSync(join(project, ".berth", "build")), inside]).toEqual([true, []]);
  });

  it("cdktf synth runs berth through cdktf.json's app (the cdktf CLI of this checkout, run in the project)", () => {
    const out = join(work, "cdktf-synth-out");
    const result = run(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", out], project);
    expect([result.status, existsSync(join(out, "stacks", "shop-dev-fargate", "cdk.tf.json"))]).toEqual([0, true]);
  });

  it("type-checks `import { defineConfig } from \"berth\"` with the project's own tsc", () => {
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "node16", moduleResolution: "node16", strict: true, noEmit: true, types: ["node"] }, include: ["berth.config.ts"] }));
    const result = npx(["tsc", "-p", "tsconfig.json"]);
    expect([result.status, result.stdout]).toEqual([0, ""]);
  });

  it("reports a misspelt spec field as a type error in the user's editor (the types are berth's, not any)", () => {
    const file = join(project, "wrong.config.ts");
    writeFileSync(file, 'import { defineConfig } from "berth";\nexport default defineConfig({ app: "shop", region: "eu-west-1", targets: ["ec2"], image: { context: "." }, prot: 8080 });\n');
    const result = npx(["tsc", "--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--types", "node", file]);
    expect([result.status, result.stdout.includes("'prot' does not exist")]).toEqual([2, true]);
  });
});

describe("berth publish --dry-run in the user's project", () => {
  let registry: LocalRegistry;
  let ecr: FakeEcr;

  beforeAll(async () => {
    registry = await startRegistry();
    ecr = await startFakeEcr(registry, ["shop-dev/web"]);
  }, 120000);

  afterAll(async () => {
    await ecr?.stop();
    await registry?.stop();
  });

  it("says the app's image would be built and pushed into its existing repository, writing no manifest", async () => {
    // Not spawnSync: the fake ECR answers from this process, whose event loop must keep running.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
    const { stdout } = await promisify(execFile)("npx", ["--no-install", "berth", "publish", "--dry-run"], { cwd: project, env: { ...clean, ...ecr.env() }, timeout: 120000 });
    expect([stdout.split("\n").slice(0, 2), existsSync(join(project, ".berth", "images.json"))]).toEqual([
      ["berth publish --dry-run: shop (dev, eu-west-1) from berth.config.ts", expect.stringMatching(new RegExp(`^  web: would build for linux/amd64 and push ${registry.host}/shop-dev/web with tags h-[0-9a-f]{24}$`))],
      false,
    ]);
  }, 150000);
});

describe("a cdktf app of the user's own, built from berth/constructs", () => {
  it("compiles with the project's tsc and synthesizes a VPC, a load balancer, a Fargate service, an ECR repository and an EC2 host", () => {
    const app = join(project, "infra");
    mkdirSync(app);
    writeFileSync(
      join(app, "main.ts"),
      `import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Ec2Host, EcrRepository, FargateService, LoadBalancer, Network, type FargateServiceProps } from "berth/constructs";

const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "mine");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
const network = new Network(stack, "network", { name: "mine", region: "eu-west-1", cidrBlock: "10.1.0.0/16", azCount: 2, natGateways: "single" });
const lb = new LoadBalancer(stack, "alb", { name: "mine", vpcId: network.vpcId, subnetIds: network.publicSubnetIds, https: { plainHttp: true }, targetPort: 8080, healthCheck: { path: "/" } });
const props: FargateServiceProps = {
  name: "mine",
  region: "eu-west-1",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  container: { name: "web", image: "public.ecr.aws/nginx/nginx:1.27" },
  loadBalancer: lb,
};
new FargateService(stack, "service", props);
const repository = new EcrRepository(stack, "repository", { repositoryName: "mine/web" });
new Ec2Host(stack, "host", { name: "mine", region: "eu-west-1", vpcId: network.vpcId, subnetId: network.publicSubnetIds[0]!, image: { ecrRepositoryName: repository.repositoryName, tag: "v1" }, port: 8080 });
app.synth();
`,
    );
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "node16", moduleResolution: "node16", target: "es2022", strict: true, outDir: "dist", types: ["node"], skipLibCheck: true }, include: ["main.ts"] }));
    const compiled = run(join(project, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], app);
    const synthesized = compiled.status === 0 ? run(process.execPath, [join("dist", "main.js")], app) : compiled;
    const stack = JSON.parse(readFileSync(join(app, "out", "stacks", "mine", "cdk.tf.json"), "utf8")) as { resource: Record<string, unknown> };
    expect([compiled.stdout, synthesized.status, ["aws_vpc", "aws_lb", "aws_ecs_service", "aws_ecr_repository", "aws_instance"].map((type) => type in stack.resource)]).toEqual(["", 0, [true, true, true, true, true]]);
  });
});

describeWithTerraform("the stacks synthesized in the user's project under terraform validate", (tools) => {
  it.each(["shop-dev-ec2", "shop-dev-fargate", "shop-dev-registry"])("%s: init and validate pass", async (stack) => {
    const dir = stackWorkDir(work, join(project, "cdktf.out", "stacks", stack, "cdk.tf.json"), {
      awsProviderVersion: tools.awsProviderVersion,
      provider: { region: "eu-west-1", access_key: "test", secret_key: "test", skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true },
    });
    const init = await terraform(dir, ["init", "-input=false", `-plugin-dir=${tools.pluginDir}`]);
    const validate = init.code === 0 ? await terraform(dir, ["validate", "-no-color"]) : init;
    expect([validate.code, validate.stderr]).toEqual([0, ""]);
  });
});
