import { isRootUser } from "../../../stacks/targets/fargate/warnings";
import { secretNameReason } from "../../../stacks/spec/secret-names";
import { specWarnings } from "../../../stacks/spec/warnings";
import { resolved } from "../../helpers";

const ENV_MESSAGE = (name: string, reason: string, stores = "the ECS task definition and the Terraform state") =>
  `looks like a secret (${reason}) but is a plain value: it is stored in plain text in ${stores}; ` +
  `put the value in SSM Parameter Store (SecureString) or Secrets Manager, remove it from environment and list it under secrets: { ${name}: "arn:aws:ssm:eu-west-1:<account>:parameter/<name>" }`;

describe("secretNameReason", () => {
  it.each([
    ["DB_PASSWORD", "its name ends in _PASSWORD"],
    ["SMTP_PASSWD", "its name ends in _PASSWD"],
    ["JWT_SECRET", "its name ends in _SECRET"],
    ["GITHUB_TOKEN", "its name ends in _TOKEN"],
    ["API_KEY", "its name ends in _KEY"],
    ["AWS_SECRET_ACCESS_KEY", "its name ends in _KEY"],
    ["db_password", "its name ends in _password"],
    ["PASSWORD", "its name is PASSWORD"],
    ["PASSWD", "its name is PASSWD"],
    ["SECRET", "its name is SECRET"],
    ["TOKEN", "its name is TOKEN"],
    ["AWS_ACCESS_KEY_ID", "its name is AWS_ACCESS_KEY_ID, half of an AWS access key"],
  ])("calls %s a secret's name: %s", (name, reason) => {
    expect(secretNameReason(name)).toBe(reason);
  });

  it.each([
    "LOG_LEVEL",
    "PASSWORD_MIN_LENGTH",
    "TOKEN_TTL",
    "SECRET_ARN",
    "DB_PASSWORD_FILE",
    "KMS_KEY_ID",
    "KEY",
    "CACHE_KEYS",
    "MONKEY",
    "JWT_PUBLIC_KEY",
    "STRIPE_PUBLISHABLE_KEY",
    "PUBLIC_KEY",
  ])("does not call %s a secret's name", (name) => {
    expect(secretNameReason(name)).toBeUndefined();
  });
});

describe("isRootUser", () => {
  it.each(["0", "root", "0:0", "root:root", "0:1000", "00"])("%s is root", (user) => {
    expect(isRootUser(user)).toBe(true);
  });

  it.each(["1000", "1000:0", "app", "app:root", "10", "rooted"])("%s is not root", (user) => {
    expect(isRootUser(user)).toBe(false);
  });
});

describe("specWarnings: secret-looking environment values", () => {
  it("warns at environment.<name> with where the value is stored and the secrets entry to write, without the value", () => {
    expect(specWarnings(resolved({ environment: { DB_PASSWORD: "hunter2", LOG_LEVEL: "info" } }))).toEqual([
      { path: "environment.DB_PASSWORD", message: ENV_MESSAGE("DB_PASSWORD", "its name ends in _PASSWORD") },
    ]);
  });

  it("names the EC2 host's compose file too when targets includes ec2", () => {
    const config = resolved({ targets: ["fargate", "ec2"], environment: { API_KEY: "k" } });
    expect(specWarnings(config)).toEqual([
      { path: "environment.API_KEY", message: ENV_MESSAGE("API_KEY", "its name ends in _KEY", "the ECS task definition, the EC2 host's compose file and the Terraform state") },
    ]);
  });

  it("names only the compose file and the state for the ec2 target alone", () => {
    const config = resolved({ targets: ["ec2"], fargate: undefined, environment: { TOKEN: "t" } });
    expect(specWarnings(config)).toEqual([{ path: "environment.TOKEN", message: ENV_MESSAGE("TOKEN", "its name is TOKEN", "the EC2 host's compose file and the Terraform state") }]);
  });

  it("does not warn on an empty value", () => {
    expect(specWarnings(resolved({ environment: { DB_PASSWORD: "" } }))).toEqual([]);
  });

  it("does not warn on a secret's name listed under secrets", () => {
    expect(specWarnings(resolved({ secrets: { DB_PASSWORD: "arn:aws:ssm:eu-west-1:123456789012:parameter/db-password" } }))).toEqual([]);
  });

  it("never prints the value", () => {
    const [warning] = specWarnings(resolved({ environment: { JWT_SECRET: "s3cr3t-value" } }));
    expect(warning?.message).not.toContain("s3cr3t-value");
  });
});

describe("specWarnings: secret-looking sidecar environment values", () => {
  const withSidecar = (environment: Record<string, string>) =>
    resolved({ fargate: { plainHttp: true, sidecars: [{ name: "proxy", image: "envoyproxy/envoy:v1.30.1", environment }] } });

  it("warns at fargate.sidecars[i].environment.<name> and points to the task role, as sidecars take no secrets", () => {
    expect(specWarnings(withSidecar({ UPSTREAM_TOKEN: "t", LOG_LEVEL: "debug" }))).toEqual([
      {
        path: "fargate.sidecars[0].environment.UPSTREAM_TOKEN",
        message:
          "looks like a secret (its name ends in _TOKEN) but is a plain value: it is stored in plain text in the ECS task definition and the Terraform state; " +
          "berth passes secrets to the app container only, so have the sidecar read the value at start from SSM Parameter Store (SecureString) or Secrets Manager, " +
          "allowed by ssm:GetParameter or secretsmanager:GetSecretValue in fargate.taskRolePolicy",
      },
    ]);
  });

  it("does not warn on a sidecar's plain settings", () => {
    expect(specWarnings(withSidecar({ LOG_LEVEL: "debug", TOKEN_TTL: "60" }))).toEqual([]);
  });
});

describe("specWarnings: secret-looking build arguments", () => {
  it("warns at image.buildArgs.<name>: build arguments stay in the image's history", () => {
    expect(specWarnings(resolved({ image: { context: "./app", buildArgs: { NPM_TOKEN: "npm_x", NODE_ENV: "production" } } }))).toEqual([
      {
        path: "image.buildArgs.NPM_TOKEN",
        message:
          "looks like a secret (its name ends in _TOKEN) but is a build argument: Docker shows build argument values to anyone who has the image (docker history), and berth pushes it to ECR; " +
          'if the app needs the value at run time, put it in SSM Parameter Store (SecureString) or Secrets Manager, remove it from image.buildArgs and list it under secrets: { NPM_TOKEN: "arn:aws:ssm:eu-west-1:<account>:parameter/<name>" }; ' +
          "if only the build needs it, fetch what it unlocks into the build context before berth publish (berth passes no Docker build secrets)",
      },
    ]);
  });

  it("does not warn on plain build arguments", () => {
    expect(specWarnings(resolved({ image: { context: "./app", buildArgs: { NODE_ENV: "production" } } }))).toEqual([]);
  });
});

describe("specWarnings: root app container", () => {
  const ROOT_MESSAGE = (user: string) =>
    `runs the app container as root: a bug in the app then gives root over the container and its volumes' files; set a non-root user such as "1000:1000" (the app's files and volumes[].uid/gid must allow it), or leave fargate.user out and set USER in the Dockerfile (got ${JSON.stringify(user)})`;
  const withUser = (user?: string) => resolved({ fargate: { plainHttp: true, ...(user === undefined ? {} : { user }) } });

  it.each(["0", "root", "0:0", "root:staff"])("warns at fargate.user for %s", (user) => {
    expect(specWarnings(withUser(user))).toEqual([{ path: "fargate.user", message: ROOT_MESSAGE(user) }]);
  });

  it("does not warn on a non-root user", () => {
    expect(specWarnings(withUser("1000:1000"))).toEqual([]);
  });

  it("does not warn when fargate.user is left out (the image's USER, unknown offline)", () => {
    expect(specWarnings(withUser())).toEqual([]);
  });
});

describe("specWarnings", () => {
  it("lists nothing for a spec without likely mistakes", () => {
    expect(specWarnings(resolved({ environment: { LOG_LEVEL: "info" } }))).toEqual([]);
  });

  it("lists the app-wide warnings (environment, build arguments) before the fargate target's (sidecars, user)", () => {
    const config = resolved({
      image: { context: "./app", buildArgs: { NPM_TOKEN: "x" } },
      environment: { DB_PASSWORD: "x" },
      fargate: { plainHttp: true, user: "root", sidecars: [{ name: "proxy", image: "envoyproxy/envoy:v1.30.1", environment: { API_KEY: "x" } }] },
    });
    expect(specWarnings(config).map((w) => w.path)).toEqual(["environment.DB_PASSWORD", "image.buildArgs.NPM_TOKEN", "fargate.sidecars[0].environment.API_KEY", "fargate.user"]);
  });
});
