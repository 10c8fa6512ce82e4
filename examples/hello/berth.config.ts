import { defineConfig } from "berth";

/**
 * The embedded example: a static site on port 8080 with a /health endpoint.
 * `npm run synth` uses it; BERTH_STAGE=prod switches to the prod preset.
 */
export default defineConfig({
  app: "hello",
  stage: process.env.BERTH_STAGE === "prod" ? "prod" : "dev",
  region: "eu-west-1",
  targets: ["ec2", "fargate"],
  image: { context: "./app", platform: "linux/amd64" },
  port: 8080,
  environment: { GREETING: "hello from berth" },
  healthCheck: { path: "/health" },
  // No domain for the example: plain HTTP, which the synth summary flags. Real apps set
  // fargate.https: { domain, hostedZoneId } or { certificateArn }.
  fargate: { plainHttp: true },
  // The policy rule https-only is an error that stops berth deploy; the example states why it does not apply.
  policy: { suppress: [{ rule: "https-only", reason: "demo without a domain: serves plain HTTP until fargate.https is set" }] },
  tags: { project: "berth-example" },
});
