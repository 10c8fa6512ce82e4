import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, hasStackTrace, runNode, specSource, tempDir, writeSpec } from "../run";

/** `npm run synth` with CDKTF_OUTDIR pointing to a fresh directory. */
function synth(args: string[] = [], env: Record<string, string> = {}) {
  const outdir = join(tempDir(), "cdktf.out");
  return { outdir, ...runNode("scripts/bin/run-ts.mjs", ["main.ts", ...args], { CDKTF_OUTDIR: outdir, ...env }) };
}

describe("main.ts (npm run synth)", () => {
  it("synthesizes the embedded example with no AWS credentials", () => {
    const run = synth([], { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "" });
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, "stacks", "hello-dev-registry", "cdk.tf.json"))).toBe(true);
  });

  it("prints the per-stack summary: resource counts by type and outputs", () => {
    const run = synth();
    expect(run.stdout).toContain("berth synth: hello (dev, eu-west-1) from examples/hello/berth.config.ts");
    expect(run.stdout).toContain("  hello-dev-registry: 2 resources (aws_ecr_lifecycle_policy x1, aws_ecr_repository x1)\n    outputs: web_repository_arn, web_repository_url");
  });

  it("synthesizes the example of several services (examples/shop): a repository per built service, one host", () => {
    const run = synth(["examples/shop/berth.config.ts"]);
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toContain(
      "  shop-dev-registry: 6 resources (aws_ecr_lifecycle_policy x3, aws_ecr_repository x3)\n    outputs: migrate_repository_arn, migrate_repository_url, web_repository_arn, web_repository_url, worker_repository_arn, worker_repository_url",
    );
  });

  it("synthesizes the example of several services on both targets (examples/market): three ECS services and one Service Connect namespace on fargate", () => {
    const run = synth(["examples/market/berth.config.ts"]);
    const fargate = JSON.parse(readFileSync(join(run.outdir, "stacks", "market-dev-fargate", "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, { name?: string }>> };
    expect([
      run.status,
      run.stderr,
      Object.values(fargate.resource.aws_ecs_service!).map((s) => s.name).sort(),
      Object.values(fargate.resource.aws_service_discovery_http_namespace!).map((n) => n.name),
    ]).toEqual([0, "", ["market-dev", "market-dev-db", "market-dev-worker"], ["market-dev"]]);
  });

  it("synthesizes the example of routed public services (examples/portal): api's listener rule forwards /api and /api/* on the fargate load balancer", () => {
    const run = synth(["examples/portal/berth.config.ts"]);
    const fargate = JSON.parse(readFileSync(join(run.outdir, "stacks", "portal-dev-fargate", "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, { condition?: unknown }>> };
    expect([run.status, run.stderr, Object.values(fargate.resource.aws_lb_listener_rule!).map((r) => r.condition)]).toEqual([0, "", [[{ path_pattern: { values: ["/api", "/api/*"] } }]]]);
  });

  it("needs no terraform binary (PATH holds node alone)", () => {
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, "node"));
    const run = synth([], { PATH: bin });
    expect([run.status, run.stderr]).toEqual([0, ""]);
  });

  it("declares the Terraform version the stacks need", () => {
    const run = synth();
    for (const stack of ["hello-dev-registry", "hello-dev-fargate", "hello-dev-ec2"]) {
      const json = JSON.parse(readFileSync(join(run.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(json.terraform.required_version).toBe(">= 1.5");
    }
  });

  it("keeps state local by default", () => {
    const run = synth();
    const json = JSON.parse(readFileSync(join(run.outdir, "stacks", "hello-dev-registry", "cdk.tf.json"), "utf8"));
    expect(Object.keys(json.terraform.backend)).toEqual(["local"]);
  });

  it("synthesizes a spec in the services form, the image and its repository named after the service", () => {
    const spec = writeSpec(`import { defineConfig } from "berth";
export default defineConfig({
  app: "shop",
  region: "eu-west-1",
  targets: ["fargate"],
  services: { api: { image: { context: "./app" }, port: 8080, expose: "public" } },
  fargate: { plainHttp: true },
});
`);
    const run = synth([spec]);
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toContain("  shop-dev-registry: 2 resources (aws_ecr_lifecycle_policy x1, aws_ecr_repository x1)\n    outputs: api_repository_arn, api_repository_url");
  });

  it("writes byte-identical stacks when the same spec is synthesized from two different folders", () => {
    const synthIn = () => {
      const dir = tempDir();
      cpSync(join(ROOT, "examples", "hello"), join(dir, "hello"), { recursive: true });
      const outdir = join(dir, "cdktf.out");
      const run = spawnSync(process.execPath, [join(ROOT, "scripts/bin/run-ts.mjs"), join(ROOT, "main.ts"), join(dir, "hello", "berth.config.ts")], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, CDKTF_OUTDIR: outdir },
      });
      if (run.status !== 0) throw new Error(run.stderr);
      return ["hello-dev-registry", "hello-dev-fargate", "hello-dev-ec2"].map((stack) => readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    };
    const [first, second] = [synthIn(), synthIn()];
    expect(second).toEqual(first);
  });

  it("synthesizes the example's prod stage from BERTH_STAGE=prod", () => {
    const run = synth([], { BERTH_STAGE: "prod" });
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, "stacks", "hello-prod-registry", "cdk.tf.json"))).toBe(true);
  });

  it("takes the spec path from BERTH_CONFIG (how cdktf runs it)", () => {
    const run = synth([], { BERTH_CONFIG: writeSpec(specSource()) });
    expect(run.stdout).toContain("berth synth: shop (dev, eu-west-1)");
  });

  it("rejects an invalid spec before writing anything: field path, value got, what is allowed; exit 1; no stack trace", () => {
    const run = synth([writeSpec(specSource('healthCheck: { path: "health" },'))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('✖ healthCheck.path: must be an HTTP path starting with "/" (printable ASCII, no spaces, at most 1024 characters) (got "health")');
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.stdout).toBe("");
    expect(existsSync(run.outdir)).toBe(false);
  });

  it("fails when the spec file does not exist", () => {
    const run = synth(["nope/berth.config.ts"]);
    expect([run.status, run.stderr.split("\n")[0]]).toEqual([1, expect.stringMatching(/^Spec file not found: nope\/berth\.config\.ts \(resolved to \/.*nope\/berth\.config\.ts\)\.$/)]);
  });

  it("fails with file:line:column of a syntax error in the spec, the line and a caret under the column", () => {
    const spec = writeSpec("export default {\n  app: 'shop',,\n};\n");
    const run = synth([spec]);
    expect([run.status, run.stderr]).toEqual([
      1,
      `Could not compile the spec ${spec}:\n  ${spec}:2:15: Expected identifier but found ","\n      app: 'shop',,\n                  ^\nFix the syntax error and run again.\n`,
    ]);
  });

  it("fails when the spec's default export is a function, saying what berth needs", () => {
    const spec = writeSpec('import { defineConfig } from "berth";\nexport default () => defineConfig({} as never);\n');
    const run = synth([spec]);
    expect([run.status, run.stderr]).toEqual([
      1,
      `The spec ${spec} exports a function as its default export; berth needs the spec object itself, as defineConfig returns it, and does not call functions.\n` +
        "Write: export default defineConfig({ ... }) (if a function computes the spec, call it there: export default defineConfig(makeSpec()))\n",
    ]);
  });

  it("fails when the spec's default export is a rejected Promise with the same message, no stack trace", () => {
    const spec = writeSpec('export default (async () => { throw new Error("no region"); })();\n');
    const run = synth([spec]);
    expect([run.status, run.stderr.split("\n")[0]]).toEqual([1, `The spec ${spec} exports a Promise as its default export (an async function's result); berth needs the spec object itself, as defineConfig returns it, and reads the spec without waiting.`]);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it("fails when the spec's default export is a Promise, saying what berth needs", () => {
    const spec = writeSpec('import { defineConfig } from "berth";\nexport default (async () => defineConfig({} as never))();\n');
    const run = synth([spec]);
    expect([run.status, run.stderr]).toEqual([
      1,
      `The spec ${spec} exports a Promise as its default export (an async function's result); berth needs the spec object itself, as defineConfig returns it, and reads the spec without waiting.\n` +
        "Compute the values without await (e.g. readFileSync instead of readFile) and write: export default defineConfig({ ... })\n",
    ]);
  });

  it("fails when the spec has no default export", () => {
    const run = synth([writeSpec("export const config = {};\n")]);
    expect([run.status, run.stderr]).toEqual([1, expect.stringContaining("has no default export.\nWrite: export default defineConfig({ ... })")]);
  });

  it("fails when the spec throws while loading", () => {
    const run = synth([writeSpec('throw new Error("SHOP_REGION is not set");\nexport default {};\n')]);
    expect([run.status, run.stderr]).toEqual([1, expect.stringContaining("threw while loading: SHOP_REGION is not set")]);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it("refuses a build context that does not exist, before writing anything", () => {
    const spec = writeSpec(specSource());
    rmSync(join(dirname(spec), "app"), { recursive: true });
    const run = synth([spec]);
    expect([run.status, run.stderr, existsSync(run.outdir)]).toEqual([
      1,
      `image.context "./app" is not a directory (resolved to ${join(dirname(spec), "app")} from the spec's folder).\n` +
        "Set image.context to the folder holding your Dockerfile and sources, relative to berth.config.ts, and run again.\n",
      false,
    ]);
  });

  it("refuses a Dockerfile that does not exist, before writing anything", () => {
    const spec = writeSpec(specSource());
    rmSync(join(dirname(spec), "app", "Dockerfile"));
    const run = synth([spec]);
    expect([run.status, run.stderr, existsSync(run.outdir)]).toEqual([
      1,
      `image.dockerfile "Dockerfile" is not a file (resolved to ${join(dirname(spec), "app", "Dockerfile")} from the build context).\n` +
        'Set image.dockerfile to the Dockerfile\'s path relative to image.context (default "Dockerfile") and run again.\n',
      false,
    ]);
  });
});

describe("main.ts strict mode (BERTH_STRICT)", () => {
  const spec = () => writeSpec(specSource('environment: { DB_PASSWORD: "hunter2" },'));

  it("refuses a spec with warnings under BERTH_STRICT=1 and writes nothing", () => {
    const file = spec();
    const run = synth([file], { CI: "", BERTH_STRICT: "1" });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      "",
      `The spec ${file} has 1 warning, which is an error under BERTH_STRICT=1:\n` +
        '  ✖ environment.DB_PASSWORD: looks like a secret (its name ends in _PASSWORD) but is a plain value: it is stored in plain text in the ECS task definition and the Terraform state; put the value in SSM Parameter Store (SecureString) or Secrets Manager, remove it from environment and list it under secrets: { DB_PASSWORD: "arn:aws:ssm:eu-west-1:<account>:parameter/<name>" }\n' +
        "Fix each as it says, or unset BERTH_STRICT to go ahead with the warnings; berth stopped before synthesizing anything.\n",
    ]);
    expect(existsSync(run.outdir)).toBe(false);
  });

  it("prints the warning in the summary without BERTH_STRICT", () => {
    const run = synth([spec()], { CI: "", BERTH_STRICT: "" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("\n  warning: environment.DB_PASSWORD: looks like a secret (its name ends in _PASSWORD) but is a plain value: ");
  });

  it("refuses a BERTH_STRICT value it does not know", () => {
    const run = synth([spec()], { CI: "", BERTH_STRICT: "strict" });
    expect([run.status, run.stderr]).toEqual([
      1,
      'BERTH_STRICT="strict": must be 1 or true (spec warnings are errors), 0 or false (they are not, even for stage prod under CI=true), or unset.\nSet BERTH_STRICT to one of those values and run again.\n',
    ]);
  });
});
