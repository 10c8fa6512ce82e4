import { defineConfig } from "berth";

/**
 * An app of two public services on both targets (docs/services.md, "Several public services"):
 * web takes every request, api those under /api (passed on unchanged, so api serves /api/…). On
 * fargate the load balancer forwards /api and /api/* to api's own target group by a listener rule;
 * on ec2 (and in `berth up`) Caddy routes them on plain HTTP. Both images are built from
 * examples/shop's web context; give api a context of its own in a real app.
 *
 *   npm run synth -- examples/portal/berth.config.ts
 *   npx berth up --config examples/portal/berth.config.ts    # then curl http://127.0.0.1:8080/api/
 */
const web = { context: "../shop/web" };

export default defineConfig({
  app: "portal",
  region: "eu-west-1",
  targets: ["ec2", "fargate"],
  // A first demo without a domain; set fargate.https and ec2.https for production.
  fargate: { plainHttp: true },
  services: {
    web: { image: web, port: 8080, expose: "public", healthCheck: { path: "/health" } },
    api: { image: web, port: 8080, expose: "public", route: { path: "/api" }, healthCheck: { path: "/health" } },
  },
  tags: { project: "berth-example" },
});
