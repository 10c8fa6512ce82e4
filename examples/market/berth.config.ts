import { defineConfig } from "berth";

/**
 * An app of three services on both targets (docs/services.md): web (public), db (Postgres,
 * internal, its data on a volume) and worker, built from examples/shop's web image. On ec2 they run
 * in one compose project on a host; on fargate as three ECS services that find each other by name
 * through Service Connect (db admits only web and worker, which depend on it). Without a one-shot
 * job (fargate runs none): the app migrates its database at start. The SSM parameters and the
 * certificate are placeholders: create them in your account and put their ARNs here.
 *
 *   npm run synth -- examples/market/berth.config.ts
 */
const DATABASE_URL = "arn:aws:ssm:eu-west-1:123456789012:parameter/market/dev/database-url";
const POSTGRES_PASSWORD = "arn:aws:ssm:eu-west-1:123456789012:parameter/market/dev/postgres-password";
const web = { context: "../shop/web" };

export default defineConfig({
  app: "market",
  region: "eu-west-1",
  targets: ["ec2", "fargate"],
  fargate: { https: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b3c8a1e-1111-2222-3333-444455556666" } },
  services: {
    web: { image: web, port: 8080, expose: "public", healthCheck: { path: "/health" }, secrets: { DATABASE_URL }, dependsOn: { db: "healthy" } },
    db: {
      image: { uri: "public.ecr.aws/docker/library/postgres:17.6" },
      port: 5432,
      expose: "internal",
      secrets: { POSTGRES_PASSWORD },
      // The postgres image runs as uid/gid 999 and keeps its data here.
      volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
      containerHealthCheck: { command: ["CMD", "pg_isready", "-U", "postgres"], intervalSeconds: 10, retries: 5, startPeriodSeconds: 10 },
    },
    worker: { image: web, command: ["worker"], secrets: { DATABASE_URL }, dependsOn: { db: "healthy" } },
  },
  tags: { project: "berth-example" },
});
