/**
 * A TCP proxy on 127.0.0.1 in front of the local registry that injects faults into the first N
 * HTTP requests matching a pattern (e.g. blob uploads), then passes everything through. Every
 * request goes upstream with "Connection: close", so each connection carries one request and the
 * first line of a connection is the request to judge: requests are counted exactly.
 */
import { connect, createServer, type Socket } from "node:net";

export type Fault =
  /** Close the connection without answering (docker sees EOF). */
  | { readonly kind: "drop" }
  /** Hold the request unanswered for `ms`, then close the connection. */
  | { readonly kind: "stall"; readonly ms: number }
  /** Answer with this status and a registry error body (e.g. 500, 429). */
  | { readonly kind: "status"; readonly status: 429 | 500 | 502 | 503 };

export interface FaultPlan {
  readonly fault: Fault;
  /** How many matching requests get the fault; Infinity for a registry that stays broken. */
  readonly count: number;
  /** Which requests count, tested on the request line, e.g. /^POST .*\/blobs\/uploads\// @default every request */
  readonly match?: RegExp;
}

/** What the proxy asks of the registry to refuse a tag's overwrite. */
export interface TagLookup {
  digestOf(repository: string, tag: string): Promise<string | undefined>;
}

export interface FaultProxy {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  /** Request lines that got a fault, in order. */
  readonly faulted: string[];
  /** Manifest pushes refused because the tag already existed, in order. */
  readonly refusedOverwrites: string[];
  stop(): Promise<void>;
}

/** The first byte of a TLS ClientHello (record type handshake). */
const TLS_HANDSHAKE = 0x16;
const REASONS: Record<number, string> = { 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };
// The registry's error document (distribution's errcode JSON), as ECR and distribution answer it.
const BODIES: Record<number, string> = {
  429: JSON.stringify({ errors: [{ code: "TOOMANYREQUESTS", message: "Rate exceeded" }] }),
  500: JSON.stringify({ errors: [{ code: "UNKNOWN", message: "unknown error" }] }),
  502: "",
  503: "",
};

/** A manifest pushed by tag (a push by digest names no tag). */
const TAG_PUSH = /^PUT \/v2\/(.+)\/manifests\/([\w][\w.-]{0,127}) HTTP\/1\.[01]$/;

/**
 * With `immutableTags`, a push of a tag the registry already holds is refused as ECR refuses it in
 * a repository with IMMUTABLE tags (distribution's TAG_INVALID error, HTTP 400; ECR's wording):
 * docker-registry itself lets a tag be overwritten. Any second push of a tag is refused, even of
 * the same manifest (whether ECR accepts an identical re-push is UNCONFIRMED; refusing is the
 * stricter fake).
 */
export async function startFaultProxy(upstream: string, plan: FaultPlan, immutableTags?: TagLookup): Promise<FaultProxy> {
  const [upstreamHost, upstreamPort] = upstream.split(":") as [string, string];
  const faulted: string[] = [];
  const refusedOverwrites: string[] = [];
  const sockets = new Set<Socket>();
  let left = plan.count;

  const passThrough = (client: Socket, head: Buffer, http = true) => {
    const server = connect(Number(upstreamPort), upstreamHost);
    sockets.add(server);
    server.on("close", () => sockets.delete(server));
    const end = head.indexOf("\r\n") + 2;
    server.write(http ? Buffer.concat([head.subarray(0, end), Buffer.from("Connection: close\r\n"), head.subarray(end)]) : head);
    client.pipe(server).pipe(client);
    server.on("error", () => client.destroy());
    client.on("error", () => server.destroy());
  };

  const inject = (client: Socket, requestLine: string) => {
    faulted.push(requestLine);
    const { fault } = plan;
    if (fault.kind === "drop") client.destroy();
    else if (fault.kind === "stall") setTimeout(() => client.destroy(), fault.ms).unref();
    else {
      const body = BODIES[fault.status]!;
      client.end(
        `HTTP/1.1 ${fault.status} ${REASONS[fault.status]}\r\nContent-Type: application/json\r\nDocker-Distribution-Api-Version: registry/2.0\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
  };

  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    let head = Buffer.alloc(0);
    // Waits for the first request line of the connection, then decides its fate.
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head[0] === TLS_HANDSHAKE) {
        // docker tries HTTPS first; the plain-HTTP registry refuses it at once and docker falls back
        // to HTTP. Waiting for a request line that never comes would cost docker its TLS timeout.
        client.off("data", onData);
        passThrough(client, head, false);
        return;
      }
      const end = head.indexOf("\r\n");
      if (end < 0) return;
      client.off("data", onData);
      client.pause();
      const requestLine = head.subarray(0, end).toString("latin1");
      if (left > 0 && (plan.match ?? /./).test(requestLine)) {
        left--;
        inject(client, requestLine);
        return;
      }
      const tagPush = immutableTags ? TAG_PUSH.exec(requestLine) : null;
      if (!tagPush) {
        passThrough(client, head);
        client.resume();
        return;
      }
      const [, repository, tag] = tagPush as unknown as [string, string, string];
      void immutableTags!.digestOf(repository, tag).then((existing) => {
        if (existing === undefined) {
          passThrough(client, head);
          client.resume();
          return;
        }
        refusedOverwrites.push(requestLine);
        const body = JSON.stringify({
          errors: [{ code: "TAG_INVALID", message: `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the tag is immutable.` }],
        });
        client.end(
          "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nDocker-Distribution-Api-Version: registry/2.0\r\n" +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      });
    };
    client.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as { port: number }).port}`,
    faulted,
    refusedOverwrites,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
