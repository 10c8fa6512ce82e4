import { Testing, type TerraformStack } from "cdktf";
import { buildStacks } from "../../../stacks/app";
import { defineConfig } from "../../../stacks/spec";
import { resolveConfig } from "../../../stacks/spec/resolve";
import { isMultiService } from "../../../stacks/spec/services";
import { specWarnings } from "../../../stacks/spec/warnings";
import { validateConfig } from "../../../stacks/spec/validate";
import { CERTIFICATE_ARN, CONTENT_TAG, problemsOf, testApp } from "../../helpers";

/**
 * The services form of the spec (`services: { <name>: { … } }`): for now one public service,
 * which every target deploys as it deploys the single-service spec.
 */

const https = { certificateArn: CERTIFICATE_ARN };
const APP = { app: "shop", region: "eu-west-1", targets: ["fargate", "ec2"], fargate: { https } };
const WEB = { image: { context: "./app" }, port: 8080 };
const services = (entries: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ ...APP, services: entries, ...more });

/** Every stack of a spec, as cdktf writes them, by stack name. */
function synthesized(spec: unknown, image = "web"): Record<string, string> {
  const app = testApp();
  buildStacks(app, resolveConfig(validateConfig(spec, "berth.config.ts"), "/work/app"), new Map([[image, { contentTag: CONTENT_TAG }]]));
  return Object.fromEntries(app.node.children.map((stack) => [stack.node.id, Testing.synth(stack as TerraformStack)]));
}

describe("the services form with one public service", () => {
  it("resolves to the same config as the single-service spec when the service is named web, but for where the service's fields are written", () => {
    const single = resolveConfig(validateConfig({ ...APP, ...WEB }, "x"), "/work/app");
    const path = ["services", "web"];
    expect(resolveConfig(validateConfig(services({ web: { ...WEB, expose: "public" } }), "x"), "/work/app")).toEqual({ ...single, services: [{ ...single.services[0], path }] });
  });

  it("synthesizes the same stacks as the single-service spec when the service is named web", () => {
    const single = synthesized({ ...APP, ...WEB });
    expect(Object.keys(single)).toEqual(["shop-dev-registry", "shop-dev-ec2", "shop-dev-fargate"]);
    expect(synthesized(services({ web: { ...WEB, expose: "public" } }))).toEqual(single);
  });

  it("names the image, and so its ECR repository, after the service", () => {
    const config = resolveConfig(validateConfig(services({ api: { ...WEB, expose: "public" } }), "x"), "/work/app");
    expect(config.image).toEqual({ name: "api", platform: "linux/amd64", build: { context: "./app", dockerfile: "Dockerfile", buildArgs: {}, target: undefined } });
  });

  it("creates the ECR repository shop-dev/api for a service named api", () => {
    const registry = JSON.parse(synthesized(services({ api: { ...WEB, expose: "public" } }), "api")["shop-dev-registry"]!);
    expect(Object.values(registry.resource.aws_ecr_repository).map((r) => (r as { name: string }).name)).toEqual(["shop-dev/api"]);
  });

  it("names the Fargate container after the service", () => {
    const fargate = JSON.parse(synthesized(services({ api: { ...WEB, expose: "public" } }), "api")["shop-dev-fargate"]!);
    const [definition] = Object.values(fargate.resource.aws_ecs_task_definition) as { container_definitions: string }[];
    expect(JSON.parse(definition!.container_definitions).map((c: { name: string }) => c.name)).toEqual(["api"]);
  });

  it("refuses a sidecar named like the service, as the app container's name", () => {
    expect(problemsOf(services({ api: { ...WEB, expose: "public" } }, { fargate: { https, sidecars: [{ name: "api", image: "public.ecr.aws/nginx/nginx:1.27" }] } }))).toEqual([
      'fargate.sidecars[0].name: is already the name of the app container: container names must be unique (got "api")',
    ]);
  });
});

describe("the services form's own rules", () => {
  it("refuses an empty services map", () => {
    expect(problemsOf(services({}))).toEqual(['services: must hold at least one service, e.g. { web: { image: { context: "." }, port: 8080, expose: "public" } } (got {})']);
  });

  it("leaves a service with a port internal by default, so an app of that service alone has no public service", () => {
    expect(problemsOf(services({ web: WEB }))).toEqual(['services: has no public service: set expose: "public" on the service users reach (services: web) (got {"web":{"image":{"context":"./app"},"port":8080}})']);
  });

  it("refuses expose without a port", () => {
    expect(problemsOf(services({ web: { image: { context: "./app" }, expose: "public" } }))).toEqual([
      'services.web.expose: is "public" but the service has no port: give the port its container listens on, or leave expose out for a service nobody connects to (a worker) (got "public")',
    ]);
  });

  it('refuses expose "private", naming the two ways a service is reached', () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "private" } }))).toEqual(['services.web.expose: must be one of "public", "internal" (got "private")']);
  });

  it("refuses an HTTP health check on an internal service", () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "public" }, db: { image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432, expose: "internal", healthCheck: { path: "/" } } }))).toEqual([
      'services.db.healthCheck: is the HTTP probe of the load balancer or host, which only a public service gets: set expose: "public", or remove healthCheck (got {"path":"/"})',
    ]);
  });

  it("accepts a worker beside the public service on both targets", () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "public" }, worker: { image: { context: "./worker" } } }))).toEqual([]);
  });

  it("refuses a service name with an upper case letter, saying what a name may hold", () => {
    expect(problemsOf(services({ Web: { ...WEB, expose: "public" } }))).toEqual([
      'services: key "Web" is not allowed: must be 1-20 lower case letters, digits and single hyphens, starting with a letter',
    ]);
  });

  it("accepts a service name of 20 characters", () => {
    expect(problemsOf(services({ ["a".repeat(20)]: { ...WEB, expose: "public" } }))).toEqual([]);
  });

  it("refuses a service name of 21 characters", () => {
    expect(problemsOf(services({ ["a".repeat(21)]: { ...WEB, expose: "public" } }))).toEqual([
      `services: key "${"a".repeat(21)}" is not allowed: must be 1-20 lower case letters, digits and single hyphens, starting with a letter`,
    ]);
  });

  it("accepts a one-letter service name", () => {
    expect(problemsOf(services({ w: { ...WEB, expose: "public" } }))).toEqual([]);
  });

  it("accepts a service name with single hyphens and digits after the first letter", () => {
    expect(problemsOf(services({ "web-2x": { ...WEB, expose: "public" } }))).toEqual([]);
  });

  it.each(["2web", "web--api", "web-", "-web"])("refuses the service name %s (a digit first, a double, trailing or leading hyphen)", (name) => {
    expect(problemsOf(services({ [name]: { ...WEB, expose: "public" } }))).toEqual([
      `services: key "${name}" is not allowed: must be 1-20 lower case letters, digits and single hyphens, starting with a letter`,
    ]);
  });

  it("suggests the key meant for a misspelt service field and lists a service's keys", () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "public", enviroment: {} } }))).toEqual([
      "services.web.enviroment: unknown key; did you mean \"environment\"? allowed keys here: image, port, command, entrypoint, environment, secrets, healthCheck, containerHealthCheck, cpu, memoryMiB, desiredCount, volumes, expose, route, dependsOn",
    ]);
  });

  it("refuses the single-service fields beside services, listing the keys the services form takes", () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "public" } }, { port: 8080 }))).toEqual([
      "port: unknown key; allowed keys here: app, stage, region, targets, services, logRetentionDays, registry, state, network, ec2, fargate, tags, policy",
    ]);
  });
});

describe("checks of the app and its targets on the services form", () => {
  it("reports a problem with a service field under the service (Fargate's task sizes)", () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "public", cpu: 256, memoryMiB: 4096 } }))).toEqual([
      "services.web.memoryMiB: memoryMiB 4096 does not fit cpu 256 on Fargate: with cpu 256 use one of 512, 1024, 2048 MiB (ECS Developer Guide, task size); the fargate target runs only these sizes (got 4096)",
    ]);
  });

  it("reports an app-wide problem at its own field (a tag key berth sets)", () => {
    expect(problemsOf(services({ web: { ...WEB, expose: "public" } }, { tags: { "berth:app": "x" } }))).toEqual([
      'tags.berth:app: is a tag key berth sets itself (berth:app, berth:stage, Name): yours would replace berth\'s; choose another key (got "x")',
    ]);
  });
});

describe("isMultiService", () => {
  it("is true for a spec object with a services key", () => {
    expect(isMultiService({ services: {} })).toBe(true);
  });

  it("is false for a single-service spec, an array and null", () => {
    expect([isMultiService({ image: {} }), isMultiService([]), isMultiService(null)]).toEqual([false, false, false]);
  });
});

describe("warnings on the services form", () => {
  it("name a secret-looking environment value under its service, with the service's secrets in the advice", () => {
    const config = resolveConfig(validateConfig(services({ api: { ...WEB, expose: "public", environment: { DB_PASSWORD: "hunter2" } } }), "x"), "/work/app");
    expect(specWarnings(config)).toEqual([
      {
        path: "services.api.environment.DB_PASSWORD",
        message:
          'looks like a secret (its name ends in _PASSWORD) but is a plain value: it is stored in plain text in the ECS task definition, the EC2 host\'s compose file and the Terraform state; ' +
          'put the value in SSM Parameter Store (SecureString) or Secrets Manager, remove it from services.api.environment and list it under services.api.secrets: { DB_PASSWORD: "arn:aws:ssm:eu-west-1:<account>:parameter/<name>" }',
      },
    ]);
  });
});

describe("defineConfig", () => {
  it("takes a spec in the services form (type-checked by tsc) and returns it as written", () => {
    const spec = { app: "shop", region: "eu-west-1", targets: ["ec2" as const], services: { api: { image: { context: "./app" }, port: 8080, expose: "public" as const } } };
    expect(defineConfig(spec)).toBe(spec);
  });
});
