import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEPLOY_SCRIPTS } from "../../../constructs/ec2-host/host-scripts";
import { run, tempDir, writeTree } from "./tools";

/**
 * berth-secrets and berth-compose with stand-ins for `aws` and `docker compose` (no AWS here): what
 * they read, write and hand to compose.
 */

const SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db-url";
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-AbCdEf";
const ECR_IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-dev/web@sha256:${"a".repeat(64)}`;
const PUBLIC_IMAGE = "public.ecr.aws/docker/library/postgres:17";
const OTHER_ECR_IMAGE = `210987654321.dkr.ecr.us-east-1.amazonaws.com/shared/worker@sha256:${"c".repeat(64)}`;

/** Answers like the AWS CLI for the two calls berth-secrets makes, and logs its arguments. */
const FAKE_AWS = `#!/bin/bash
printf '%s\\n' "$*" >>"$FAKE_LOG"
case "$1 $2" in
  "ssm get-parameter") printf '%s\\n' "postgres://u:it's \\$ecret@db/shop" ;;
  "secretsmanager get-secret-value") printf '%s\\n' '{"token":"t0k3n","port":5432}' ;;
  *) exit 254 ;;
esac
`;

/** Stands in for docker compose: records its arguments and the variables berth-compose exported. */
const FAKE_COMPOSE = `#!/bin/bash
printf '%s\\n' "$*" >"$FAKE_LOG"
env | grep -E '^(BERTH_IMAGE[A-Z_]*|DATABASE_URL|API_TOKEN|API_PORT)=' | sort >>"$FAKE_LOG"
`;

describe("berth-secrets and berth-compose", () => {
  const work = tempDir("release-scripts");
  const bin = join(work, "bin");
  const release = join(work, "release");
  const log = join(work, "calls.log");
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    BERTH_RUN_DIR: join(work, "run"),
    BERTH_COMPOSE: join(bin, "fake-compose"),
    DOCKER_CONFIG: join(work, "docker-config"),
    FAKE_LOG: log,
  };

  beforeAll(() => {
    writeTree(bin, { ...DEPLOY_SCRIPTS, aws: FAKE_AWS, "fake-compose": FAKE_COMPOSE }, true);
    writeTree(release, {
      "compose.yaml": "services: {}\n",
      images: `web=${ECR_IMAGE}\nmy-db=${PUBLIC_IMAGE}\nworker=${OTHER_ECR_IMAGE}\n`,
      "secrets.refs": `DATABASE_URL=${SSM_ARN}\nAPI_TOKEN=${SECRET_ARN}:token::\nAPI_PORT=${SECRET_ARN}:port::\n`,
    });
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("writes every secret, byte for byte, into a 0600 env file", () => {
    const result = run(join(bin, "berth-secrets"), [release], { env });
    expect(result.status).toBe(0);
    const file = join(env.BERTH_RUN_DIR, "secrets.env");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").split("\0")).toEqual(["DATABASE_URL=postgres://u:it's $ecret@db/shop", "API_TOKEN=t0k3n", "API_PORT=5432", ""]);
  });

  it("reads SSM parameters decrypted and Secrets Manager secrets by their ARN without the json-key suffix", () => {
    rmSync(log, { force: true });
    run(join(bin, "berth-secrets"), [release], { env });
    expect(readFileSync(log, "utf8").split("\n")).toEqual([
      `ssm get-parameter --region eu-west-1 --name ${SSM_ARN} --with-decryption --query Parameter.Value --output text`,
      `secretsmanager get-secret-value --region eu-west-1 --secret-id ${SECRET_ARN} --query SecretString --output text`,
      `secretsmanager get-secret-value --region eu-west-1 --secret-id ${SECRET_ARN} --query SecretString --output text`,
      "",
    ]);
  });

  it("fails, naming the variable, when a secret cannot be read", () => {
    const broken = join(work, "broken-release");
    writeTree(broken, { "secrets.refs": "MISSING=arn:aws:kms:eu-west-1:123456789012:key/x\n" });
    const result = run(join(bin, "berth-secrets"), [broken], { env });
    expect(result.stderr).toContain("cannot read secret MISSING from arn:aws:kms:eu-west-1:123456789012:key/x");
    expect(result.status).toBe(1);
  });

  it("runs compose on the release's file with each service's image (BERTH_IMAGE_<SERVICE>, - as _) and the secrets in its environment", () => {
    run(join(bin, "berth-secrets"), [release], { env });
    const result = run(join(bin, "berth-compose"), [release, "up", "--detach"], { env: { ...env, BERTH_PROJECT: "shop" } });
    expect(result.status).toBe(0);
    expect(readFileSync(log, "utf8").split("\n")).toEqual([
      `--project-name shop --file ${release}/compose.yaml up --detach`,
      "API_PORT=5432",
      "API_TOKEN=t0k3n",
      `BERTH_IMAGE_MY_DB=${PUBLIC_IMAGE}`,
      `BERTH_IMAGE_WEB=${ECR_IMAGE}`,
      `BERTH_IMAGE_WORKER=${OTHER_ECR_IMAGE}`,
      "DATABASE_URL=postgres://u:it's $ecret@db/shop",
      "",
    ]);
  });

  it("berth-update refuses a BERTH_PROJECT that compose would rename, as the volume names derive from it", () => {
    const complete = join(work, "complete-release");
    writeTree(complete, { "compose.yaml": "services: {}\n", images: `web=${ECR_IMAGE}\n`, "release.conf": "BERTH_VOLUME_OWNERS=data:1000:1000\n" });
    const result = run(join(bin, "berth-update"), [complete], { env: { ...env, BERTH_HOME: join(work, "home"), BERTH_PROJECT: "Shop" } });
    expect([result.stdout, result.status]).toEqual([
      "berth-update: BERTH_PROJECT must be a compose project name (lower case letters, digits, - and _, starting with a letter or digit), got 'Shop'\n",
      2,
    ]);
  });

  it("configures the ECR credential helper for each ECR registry of the images, keeping other settings", () => {
    writeTree(env.DOCKER_CONFIG, { "config.json": '{"auths":{}}\n' });
    run(join(bin, "berth-compose"), [release, "ps"], { env });
    expect(JSON.parse(readFileSync(join(env.DOCKER_CONFIG, "config.json"), "utf8"))).toEqual({
      auths: {},
      credHelpers: { "123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login", "210987654321.dkr.ecr.us-east-1.amazonaws.com": "ecr-login" },
    });
  });
});
