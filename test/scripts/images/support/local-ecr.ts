/**
 * A real registry (Debian's docker-registry, htpasswd user AWS) and a fake ECR API in front of
 * it, both on 127.0.0.1, for the publish tests and `npm run bench:publish`. The fake answers the
 * ECR JSON protocol (DescribeRepositories, DescribeImages from the registry's own tags,
 * GetAuthorizationToken pointing at the registry) and STS GetCallerIdentity; clients reach it
 * through AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL_STS.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dockerEngineProblem } from "../../../integration/docker";
import { startFaultProxy } from "./fault-proxy";

const REGISTRY_BINARY = "/usr/bin/docker-registry";
export const ACCOUNT = "123456789012";
const MANIFEST_TYPES = [
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
].join(", ");

/** Why the docker tests cannot run here, or undefined when they can. */
export function dockerUnavailable(): string | undefined {
  const engine = dockerEngineProblem();
  if (engine) return engine;
  if (!existsSync(REGISTRY_BINARY)) return `${REGISTRY_BINARY} is missing (apt-get install docker-registry)`;
  if (spawnSync("htpasswd", ["-h"]).error) return "htpasswd is missing (apt-get install apache2-utils)";
  return undefined;
}

/**
 * describe() for tests that need Docker and the registry. Without them the tests are skipped with
 * the reason in their name, except under BERTH_REQUIRE_DOCKER=1 (CI), where a failing test says why.
 */
export function describeWithDocker(name: string, body: () => void): void {
  const reason = dockerUnavailable();
  if (!reason) {
    describe(name, body);
  } else if (process.env.BERTH_REQUIRE_DOCKER === "1") {
    describe(name, () => {
      it("has Docker and a registry (required by BERTH_REQUIRE_DOCKER=1)", () => {
        throw new Error(`Docker tests cannot run: ${reason}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${reason}. Set BERTH_REQUIRE_DOCKER=1 to make this a failure.`);
    describe.skip(`${name} [skipped: ${reason}]`, body);
  }
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface LocalRegistry {
  /** `127.0.0.1:<port>`: where docker reaches the registry (the immutable-tags guard in front of it). */
  readonly host: string;
  readonly password: string;
  /** The digest a tag names, as the registry reports it (Docker-Content-Digest), or undefined. */
  digestOf(repository: string, tag: string): Promise<string | undefined>;
  tags(repository: string): Promise<string[]>;
  /** Tag pushes refused because the tag existed (request lines), when the registry is behind the immutable-tags guard. */
  readonly refusedOverwrites?: readonly string[];
  stop(): Promise<void>;
}

/** Starts docker-registry on a free port with a temporary storage folder and htpasswd auth. */
export async function startRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "berth-registry-"));
  const password = randomBytes(12).toString("hex");
  const htpasswd = spawnSync("htpasswd", ["-Bbn", "AWS", password], { encoding: "utf8" });
  if (htpasswd.status !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`);
  writeFileSync(join(dir, "htpasswd"), htpasswd.stdout);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(
      join(dir, "config.yml"),
      [
        "version: 0.1",
        "log: { level: error }",
        `storage: { filesystem: { rootdirectory: ${join(dir, "data")} }, delete: { enabled: true } }`,
        `http: { addr: "127.0.0.1:${port}" }`,
        `auth: { htpasswd: { realm: berth-test, path: ${join(dir, "htpasswd")} } }`,
        "",
      ].join("\n"),
    );
    const child = spawn(REGISTRY_BINARY, ["serve", join(dir, "config.yml")], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const host = `127.0.0.1:${port}`;
    if (await becomesReady(`http://${host}/v2/`, child)) return behindImmutableTags(registryHandle(host, password, child, dir));
    await stopProcess(child);
    // Another process may have taken the port between freePort() and the registry's bind.
    if (attempt === 3) throw new Error(`docker-registry did not start: ${stderr}`);
  }
}

async function becomesReady(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    try {
      await fetch(url);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

function registryHandle(host: string, password: string, child: ChildProcess, dir: string): LocalRegistry {
  const auth = `Basic ${Buffer.from(`AWS:${password}`).toString("base64")}`;
  return {
    host,
    password,
    async digestOf(repository, tag) {
      const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, { method: "HEAD", headers: { Authorization: auth, Accept: MANIFEST_TYPES } });
      return response.status === 200 ? (response.headers.get("docker-content-digest") ?? undefined) : undefined;
    },
    async tags(repository) {
      const response = await fetch(`http://${host}/v2/${repository}/tags/list`, { headers: { Authorization: auth } });
      if (response.status !== 200) return [];
      return ((await response.json()) as { tags?: string[] | null }).tags ?? [];
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The registry as docker reaches it: behind a proxy that refuses to overwrite a tag, as ECR does in
 * the IMMUTABLE repositories berth creates (docker-registry would overwrite it).
 */
async function behindImmutableTags(registry: LocalRegistry): Promise<LocalRegistry> {
  const guard = await startFaultProxy(registry.host, { fault: { kind: "drop" }, count: 0 }, registry);
  return {
    ...registry,
    host: guard.host,
    refusedOverwrites: guard.refusedOverwrites,
    async stop() {
      await guard.stop();
      await registry.stop();
    },
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export interface FakeEcr {
  /** `http://127.0.0.1:<port>`: set AWS_ENDPOINT_URL_ECR and AWS_ENDPOINT_URL_STS to it. */
  readonly endpoint: string;
  /** Repositories that exist. */
  readonly repositories: Set<string>;
  /** The registry host reported in repository URIs and the token's proxyEndpoint; change it to point docker elsewhere. */
  registryHost: string;
  /** Calls by operation name. */
  readonly calls: Record<string, number>;
  /** Environment for the AWS SDK: the endpoint overrides and dummy credentials. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** A fake ECR API answering from `registry`. */
export async function startFakeEcr(registry: LocalRegistry, repositories: string[] = []): Promise<FakeEcr> {
  const calls: Record<string, number> = {};
  const state = { registryHost: registry.host };
  const server: Server = createServer((req, res) => {
    void readBody(req)
      .then((body) => answer(req, body, res, registry, state.registryHost, fake.repositories, calls))
      // A request the fake cannot read (bad JSON, a field missing) is refused as ECR refuses it, not left unanswered.
      .catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(400, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": "SerializationException" });
          res.end(JSON.stringify({ __type: "SerializationException", message: `the fake ECR could not read the request: ${String(error)}` }));
        }
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const fake: FakeEcr = {
    endpoint,
    repositories: new Set(repositories),
    get registryHost() {
      return state.registryHost;
    },
    set registryHost(host: string) {
      state.registryHost = host;
    },
    calls,
    env: () => ({
      AWS_ENDPOINT_URL_ECR: endpoint,
      AWS_ENDPOINT_URL_STS: endpoint,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_EC2_METADATA_DISABLED: "true",
    }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => resolve(body));
  });
}

async function answer(
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  registry: LocalRegistry,
  registryHost: string,
  repositories: Set<string>,
  calls: Record<string, number>,
): Promise<void> {
  const target = String(req.headers["x-amz-target"] ?? "");
  // ECR's JSON protocol names the service in the target; STS's query protocol sends Action in a form body.
  const operation = target
    ? target.startsWith("AmazonEC2ContainerRegistry_V20150921.")
      ? target.slice("AmazonEC2ContainerRegistry_V20150921.".length)
      : `unknown target ${target}`
    : (new URLSearchParams(body).get("Action") ?? "unknown");
  if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 ")) {
    res.writeHead(403, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": "MissingAuthenticationTokenException" });
    res.end(JSON.stringify({ __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" }));
    return;
  }
  calls[operation] = (calls[operation] ?? 0) + 1;
  const json = (status: number, payload: object) => {
    const headers: Record<string, string> = { "Content-Type": "application/x-amz-json-1.1" };
    if (status !== 200) headers["x-amzn-ErrorType"] = (payload as { __type: string }).__type;
    res.writeHead(status, headers).end(JSON.stringify(payload));
  };
  const input = target ? (JSON.parse(body || "{}") as Record<string, unknown>) : {};
  switch (operation) {
    case "GetCallerIdentity":
      if (target) break;
      res
        .writeHead(200, { "Content-Type": "text/xml" })
        .end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      return;
    case "DescribeRepositories": {
      const [name] = input.repositoryNames as string[];
      if (!repositories.has(name!)) {
        json(400, { __type: "RepositoryNotFoundException", message: `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'` });
        return;
      }
      json(200, {
        repositories: [
          {
            repositoryArn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${name}`,
            registryId: ACCOUNT,
            repositoryName: name,
            repositoryUri: `${registryHost}/${name}`,
            createdAt: 1767225600,
            imageTagMutability: "IMMUTABLE",
          },
        ],
      });
      return;
    }
    case "DescribeImages": {
      const repository = input.repositoryName as string;
      if (!repositories.has(repository)) {
        json(400, { __type: "RepositoryNotFoundException", message: `The repository with name '${repository}' does not exist in the registry with id '${ACCOUNT}'` });
        return;
      }
      const tag = (input.imageIds as { imageTag: string }[])[0]!.imageTag;
      const digest = await registry.digestOf(repository, tag);
      if (!digest) {
        json(400, { __type: "ImageNotFoundException", message: `The image with imageId {imageDigest:'null', imageTag:'${tag}'} does not exist within the repository with name '${repository}' in the registry with id '${ACCOUNT}'` });
        return;
      }
      const tags: string[] = [];
      for (const other of await registry.tags(repository)) if ((await registry.digestOf(repository, other)) === digest) tags.push(other);
      json(200, { imageDetails: [{ registryId: ACCOUNT, repositoryName: repository, imageDigest: digest, imageTags: tags, imagePushedAt: 1767225600 }] });
      return;
    }
    case "GetAuthorizationToken":
      json(200, {
        authorizationData: [
          { authorizationToken: Buffer.from(`AWS:${registry.password}`).toString("base64"), expiresAt: Date.now() / 1000 + 43200, proxyEndpoint: `http://${registryHost}` },
        ],
      });
      return;
  }
  json(400, { __type: "UnknownOperationException", message: `the fake ECR does not answer ${operation}` });
}

export interface ThrottlingRegistry {
  readonly host: string;
  /** Blob uploads docker attempted (each answered 429). */
  readonly uploads: number;
  stop(): Promise<void>;
}

/** A registry that accepts logins but answers every upload with 429 TOOMANYREQUESTS, as ECR does when throttling. */
export async function startThrottlingRegistry(): Promise<ThrottlingRegistry> {
  let uploads = 0;
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === "/v2/") {
      if (!req.headers.authorization) {
        res.writeHead(401, { "WWW-Authenticate": 'Basic realm="throttling"', "Docker-Distribution-Api-Version": "registry/2.0" }).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json", "Docker-Distribution-Api-Version": "registry/2.0" }).end("{}");
      return;
    }
    if (req.method === "POST") uploads++;
    if (req.method === "HEAD") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(429, { "Content-Type": "application/json" }).end(JSON.stringify({ errors: [{ code: "TOOMANYREQUESTS", message: "Rate exceeded" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as { port: number }).port}`,
    get uploads() {
      return uploads;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
