import { defineConfig } from "berth";

/**
 * An app of several services on one EC2 host (docs/services.md): web (public), db (Postgres,
 * internal, its data on a named volume), migrate (a one-shot job web waits for) and worker.
 * The SSM parameters are placeholders: create them in your account and put their ARNs here.
 *
 *   npm run synth -- examples/shop/berth.config.ts
 */
const DATABASE_URL = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/dev/database-url";
const POSTGRES_PASSWORD = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/dev/postgres-password";
const web = { context: "./web" };

export default defineConfig({
  app: "shop",
  region: "eu-west-1",
  targets: ["ec2"],
  services: {
    web: {
      image: web,
      port: 8080,
      expose: "public",
      healthCheck: { path: "/health" },
      secrets: { DATABASE_URL },
      dependsOn: { db: "healthy", migrate: "completed" },
    },
    db: {
      image: { uri: "public.ecr.aws/docker/library/postgres:17.6" },
      port: 5432,
      expose: "internal",
      secrets: { POSTGRES_PASSWORD },
      // The postgres image runs as uid/gid 999 and keeps its data here.
      volumes: [{ name: "db-data", path: "/var/lib/postgresql/data", uid: 999, gid: 999 }],
      containerHealthCheck: { command: ["CMD", "pg_isready", "-U", "postgres"], intervalSeconds: 10, retries: 5, startPeriodSeconds: 10 },
    },
    migrate: { image: web, command: ["migrate"], secrets: { DATABASE_URL }, dependsOn: { db: "healthy" } },
    worker: { image: web, command: ["worker"], secrets: { DATABASE_URL }, dependsOn: { db: "healthy" } },
  },
  tags: { project: "berth-example" },
});
