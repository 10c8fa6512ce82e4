import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { readCompose } from "../../../../scripts/synth/compose/read";
import { withComposeServices } from "../../../../scripts/synth/compose/spec";
import { errorOf } from "../../../helpers";
import { runNode, tempDir } from "../../run";

/** A compose file (and other files beside it) in a new folder; returns the compose file's path. */
function composeFile(yaml: string, files: Record<string, string> = {}): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, "compose.yaml"), yaml);
  return join(dir, "compose.yaml");
}

/** The course's compose file for a web app and Postgres (../shared/seed, docker-core-concepts), as written there. */
const COURSE = `version: "3"
services:
  web:
    build: .
    ports:
      - "5000:5000"
    volumes:
      - .:/app
    depends_on:
      - db
  db:
    image: postgres
    environment:
      POSTGRES_USER: user
      POSTGRES_PASSWORD: password
`;

describe("readCompose", () => {
  it("refuses the course's web + Postgres file for its bind mount, at its path", () => {
    const file = composeFile(COURSE);
    expect(errorOf(() => readCompose(file, "compose.yaml"))).toBe(
      "The compose file compose.yaml has 1 problem for berth:\n" +
        '  ✖ services.web.volumes[0]: is a host bind mount (".:/app"): your machine\'s files are not on the server; COPY the code into the image (Dockerfile), and keep data in a named volume\n' +
        "Change the compose file (docs/services.md says what berth maps) and run again.",
    );
  });

  it("maps the course's file, once the bind mount is gone, to two services, web starting after db", () => {
    const file = composeFile(COURSE.replace("    volumes:\n      - .:/app\n", ""));
    expect(readCompose(file, "compose.yaml")).toEqual({
      web: { image: { context: "." }, port: 5000, expose: "public", dependsOn: { db: "started" } },
      db: { image: { uri: "postgres" }, environment: { POSTGRES_USER: "user", POSTGRES_PASSWORD: "password" } },
    });
  });

  it("reads YAML merge keys, as compose files use them for shared settings", () => {
    const file = composeFile("x-common: &common\n  environment: { LOG_LEVEL: info }\nservices:\n  web:\n    <<: *common\n    build: .\n");
    expect(readCompose(file, "compose.yaml")).toEqual({ web: { image: { context: "." }, environment: { LOG_LEVEL: "info" } } });
  });

  it("reads an env_file relative to the compose file", () => {
    const file = composeFile("services:\n  web:\n    build: .\n    env_file: web.env\n", { "web.env": "# settings\nLOG_LEVEL=debug\nGREETING=\"hello world\"\n" });
    expect(readCompose(file, "compose.yaml").web!.environment).toEqual({ LOG_LEVEL: "debug", GREETING: "hello world" });
  });

  it("refuses a file that is not YAML, with the parser's message", () => {
    const file = composeFile("services:\n  web: [\n");
    expect(errorOf(() => readCompose(file, "compose.yaml")).split("\n")[0]).toBe("The compose file compose.yaml is not valid YAML:");
  });

  it("refuses a missing file, saying the path is relative to the spec", () => {
    expect(errorOf(() => readCompose("/nonexistent/compose.yaml", "compose.yaml"))).toBe(
      "The compose file compose.yaml does not exist (resolved to /nonexistent/compose.yaml).\nFix the spec's compose path (relative to the spec file) and run again.",
    );
  });

  it("refuses a file without services", () => {
    expect(errorOf(() => readCompose(composeFile("volumes: {}\n"), "c.yaml")).split("\n")[1]).toBe("  ✖ services: must be a mapping of at least one service");
  });

  it("refuses a file that is a list", () => {
    expect(errorOf(() => readCompose(composeFile("- web\n"), "c.yaml")).split("\n")[1]).toBe("  ✖ (spec): must be a mapping with services:");
  });

  it("refuses top-level networks, secrets and unknown keys, saying why", () => {
    const file = composeFile("services:\n  web:\n    build: .\nnetworks: { back: {} }\nsecrets: { key: { file: ./key } }\ninclude: [other.yaml]\n");
    expect(errorOf(() => readCompose(file, "c.yaml")).split("\n").slice(1, 4)).toEqual([
      "  ✖ networks: berth connects the app's services itself (they reach each other by service name): remove it",
      "  ✖ secrets: compose secrets are files on your machine: give secrets as SSM parameter or Secrets Manager ARNs under services.<name>.secrets in berth.config.ts, and COPY other files into the image",
      "  ✖ include: is not a top-level key berth reads (services, volumes): remove it",
    ]);
  });

  it("refuses a volume option, since berth creates each volume itself", () => {
    const file = composeFile("services:\n  web:\n    build: .\n    volumes: [data:/data]\nvolumes:\n  data:\n    driver: local\n");
    expect(errorOf(() => readCompose(file, "c.yaml")).split("\n")[1]).toBe(
      "  ✖ volumes.data.driver: is a volume option, but berth creates each volume itself (on the host's data volume, or as an EFS access point): remove it",
    );
  });

  it("refuses top-level volumes that are a list", () => {
    const file = composeFile("services:\n  web:\n    build: .\nvolumes: [data]\n");
    expect(errorOf(() => readCompose(file, "c.yaml")).split("\n")[1]).toBe("  ✖ volumes: must be a mapping of volume names, e.g. volumes: { data: {} }");
  });
});

describe("withComposeServices", () => {
  it("sets the spec's services fields over the compose file's, field by field", () => {
    const file = composeFile("services:\n  web:\n    build: .\n    ports: ['8080']\n    environment: { A: '1' }\n");
    const spec = { app: "shop", compose: "./compose.yaml", services: { web: { healthCheck: { path: "/health" }, environment: { B: "2" } } } };
    expect(withComposeServices(spec, join(file, "..", "berth.config.ts"))).toEqual({
      app: "shop",
      services: { web: { image: { context: "." }, port: 8080, expose: "public", healthCheck: { path: "/health" }, environment: { B: "2" } } },
    });
  });

  it("returns a spec without compose as it is", () => {
    const spec = { app: "shop" };
    expect(withComposeServices(spec, "/x/berth.config.ts")).toBe(spec);
  });

  it("refuses a compose path that is not a string", () => {
    expect(errorOf(() => withComposeServices({ compose: 5 }, "/x/berth.config.ts"))).toBe(
      'The spec\'s compose must be the path of a compose file, relative to the spec file (got 5).\nWrite e.g. compose: "./compose.yaml".',
    );
  });

  it("refuses services that are not an object beside compose", () => {
    expect(errorOf(() => withComposeServices({ compose: "./c.yaml", services: ["web"] }, "/x/berth.config.ts"))).toBe(
      'The spec\'s services must be an object of service names to the fields set over the compose file\'s (got ["web"]).\nWrite e.g. services: { web: { healthCheck: { path: "/health" } } }.',
    );
  });
});

describe("berth synth with compose:", () => {
  /** A folder with an app, a compose file of one web service and a spec naming it. */
  function project(spec: string): string {
    const dir = tempDir();
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\n");
    writeFileSync(join(dir, "compose.yaml"), "services:\n  web:\n    build: ./app\n    ports: ['80:8080']\n    environment:\n      LOG_LEVEL: info\n");
    writeFileSync(join(dir, "berth.config.ts"), spec);
    return join(dir, "berth.config.ts");
  }

  it("synthesizes a one-service compose file for both targets, with the spec's settings beside it", () => {
    const spec = project(`import { defineConfig } from "berth";
export default defineConfig({
  app: "shop",
  region: "eu-west-1",
  targets: ["fargate", "ec2"],
  compose: "./compose.yaml",
  services: { web: { healthCheck: { path: "/health" } } },
  fargate: { plainHttp: true },
});
`);
    const outdir = join(tempDir(), "cdktf.out");
    const run = runNode("scripts/bin/run-ts.mjs", ["main.ts", spec], { CDKTF_OUTDIR: outdir });
    expect([run.status, run.stderr]).toEqual([0, ""]);
    const fargate = JSON.parse(readFileSync(join(outdir, "stacks", "shop-dev-fargate", "cdk.tf.json"), "utf8"));
    const [group] = Object.values(fargate.resource.aws_lb_target_group) as { port: number; health_check: { path: string } }[];
    const [definition] = Object.values(fargate.resource.aws_ecs_task_definition) as { container_definitions: string }[];
    expect([group!.port, group!.health_check.path, JSON.parse(definition!.container_definitions)[0].environment]).toEqual([8080, "/health", [{ name: "LOG_LEVEL", value: "info" }]]);
  });

  it("synthesizes the course's web + Postgres file (bind mount gone, Postgres pinned) for the ec2 target: both services in the host's release", () => {
    const spec = project(`export default { app: "shop", region: "eu-west-1", targets: ["ec2"], compose: "./course.yaml" };\n`);
    const course = COURSE.replace("    volumes:\n      - .:/app\n", "").replace("build: .", "build: ./app").replace("image: postgres", "image: public.ecr.aws/docker/library/postgres:17.6");
    writeFileSync(join(spec, "..", "course.yaml"), course);
    const outdir = join(tempDir(), "cdktf.out");
    const run = runNode("scripts/bin/run-ts.mjs", ["main.ts", spec], { CDKTF_OUTDIR: outdir });
    expect([run.status, run.stderr]).toEqual([0, ""]);
    const ec2 = JSON.parse(readFileSync(join(outdir, "stacks", "shop-dev-ec2", "cdk.tf.json"), "utf8"));
    const [association] = Object.values(ec2.resource.aws_ssm_association) as { parameters: { compose: string; images: string } }[];
    const compose = parse(Buffer.from(association!.parameters.compose, "base64").toString()) as { services: Record<string, { ports?: string[]; depends_on?: object }> };
    expect([Object.keys(compose.services), compose.services.web!.ports, compose.services.web!.depends_on, association!.parameters.images.split(" ")[1]]).toEqual([
      ["web", "db"],
      ["80:5000"],
      { db: { condition: "service_started" } },
      "db=public.ecr.aws/docker/library/postgres:17.6",
    ]);
  });

  it("reports a compose problem with the compose file's path relative to the working directory", () => {
    const spec = project(`export default { app: "shop", region: "eu-west-1", targets: ["ec2"], compose: "./missing.yaml" };\n`);
    const run = runNode("scripts/bin/run-ts.mjs", ["main.ts", spec]);
    const missing = join(spec, "..", "missing.yaml");
    expect([run.status, run.stderr.split("\n")[0]]).toEqual([1, `The compose file ${relative(join(__dirname, "../../../.."), missing)} does not exist (resolved to ${missing}).`]);
  });
});
