import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { caddyfile, routedServices, type ServiceRoute } from "../../../constructs/ec2-host/compose";
import { run, tempDir } from "./tools";

/**
 * The routing proxy's Caddyfile run by a real Caddy (Debian's 2.6) on loopback, in front of four
 * small HTTP servers standing in for the app's public services: which service answers each request
 * is what the Caddyfile's matchers and their order decide. Only the upstream addresses (compose
 * service names there) and the listening address are changed for the test.
 */

const SERVICES: { name: string; route?: ServiceRoute }[] = [
  { name: "web" },
  { name: "api", route: { pathPrefix: "/api" } },
  { name: "assets", route: { pathPrefix: "/static.v1" } },
  { name: "v2", route: { pathPrefix: "/api/v2" } },
  { name: "admin", route: { host: "admin.example.com" } },
  { name: "docs", route: { host: "admin.example.com", pathPrefix: "/docs" } },
];

const work = tempDir("caddy-routing");
const backends: Server[] = [];
let caddy: ChildProcess | undefined;
let caddyPort = 0;

/** An HTTP server on loopback answering with its service's name. */
async function backend(name: string): Promise<number> {
  const server = createServer((_, response) => response.end(name));
  backends.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The name of the service that answers `path` for `host` through Caddy. */
function answer(host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: caddyPort, path, headers: { host } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve(`${response.statusCode} ${body}`));
    });
    req.on("error", reject);
    req.end();
  });
}

async function caddyAnswers(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await answer("shop.example.com", "/");
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`caddy did not listen on 127.0.0.1:${caddyPort}`);
}

beforeAll(async () => {
  const version = run("caddy", ["version"]);
  if (version.status !== 0) throw new Error(`caddy version failed: ${version.stderr}`);
  const ports = new Map<string, number>();
  for (const s of SERVICES) ports.set(s.name, await backend(s.name));
  const routed = routedServices({ services: SERVICES.filter((s) => s.route !== undefined).map((s) => ({ ...s, port: ports.get(s.name)! })) });
  let config = caddyfile({ defaultService: { name: "web", port: ports.get("web")! }, routes: routed });
  for (const [name, port] of ports) config = config.replace(` ${name}:${port}\n`, ` 127.0.0.1:${port}\n`);
  caddyPort = await freePort();
  config = `{\n\tadmin off\n\tdefault_bind 127.0.0.1\n}\n\n${config.replace(":80 {", `:${caddyPort} {`)}`;
  const file = join(work, "Caddyfile");
  writeFileSync(file, config);
  caddy = spawn("caddy", ["run", "--config", file, "--adapter", "caddyfile"], { env: { ...process.env, HOME: work, XDG_DATA_HOME: work, XDG_CONFIG_HOME: work }, stdio: "ignore" });
  await caddyAnswers();
}, 30000);

afterAll(async () => {
  caddy?.kill("SIGTERM");
  await Promise.all(backends.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("the routing proxy's Caddyfile under a real Caddy", () => {
  it("sends a request no route matches to the default service", async () => {
    expect(await answer("shop.example.com", "/cart")).toBe("200 web");
  });

  it("sends the path prefix itself to its service", async () => {
    expect(await answer("shop.example.com", "/api")).toBe("200 api");
  });

  it("sends a path under the prefix to its service", async () => {
    expect(await answer("shop.example.com", "/api/orders/7")).toBe("200 api");
  });

  it("does not send a path that merely starts with the prefix's letters (/apis) to its service", async () => {
    expect(await answer("shop.example.com", "/apis")).toBe("200 web");
  });

  it("does not send the prefix in other letter case (/API) to its service: paths are case-sensitive, as on the ALB", async () => {
    expect(await answer("shop.example.com", "/API/orders")).toBe("200 web");
  });

  it("reads a dot in a prefix as a dot (/static.v1), not as any character", async () => {
    expect([await answer("shop.example.com", "/static.v1/app.js"), await answer("shop.example.com", "/staticXv1/app.js")]).toEqual(["200 assets", "200 web"]);
  });

  it("sends a deeper prefix to its own service before the shallower one", async () => {
    expect(await answer("shop.example.com", "/api/v2/orders")).toBe("200 v2");
  });

  it("sends every path of a routed host to its service", async () => {
    expect(await answer("admin.example.com", "/api/orders")).toBe("200 admin");
  });

  it("sends a host and path route's requests to its service before the host's own", async () => {
    expect(await answer("admin.example.com", "/docs/intro")).toBe("200 docs");
  });

  it("matches the host whatever its case (host names are case-insensitive, as on the ALB)", async () => {
    expect(await answer("Admin.Example.com", "/")).toBe("200 admin");
  });
});
