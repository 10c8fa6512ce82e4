import { dependsOnOf } from "./depends-on";
import { healthcheckOf } from "./healthcheck";
import { containerPort, cpuUnits, literalText, memoryMiB, shellWords, type Parsed } from "./values";

/**
 * One compose service as a berth service (the spec's services form). Every key berth does not map
 * is refused with a reason and what to do instead, never dropped: a compose file that deploys
 * differently from how it runs locally would be worse than one refused.
 */

/** A problem at a path of the compose file, e.g. ["services", "web", "volumes", 0]. */
export interface ComposeProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** What the mapping of one service needs besides the service itself. */
export interface ServiceContext {
  /** The names under the compose file's top-level `volumes`. */
  readonly volumeNames: ReadonlySet<string>;
  /** Reads an env_file (relative to the compose file): its variables, or undefined when it does not exist. */
  readEnvFile(path: string): Record<string, string> | undefined;
}

/** Keys that compose knows and berth refuses, with why and what to do instead. */
const REFUSED: Readonly<Record<string, string>> = {
  privileged: "berth runs containers unprivileged (Fargate refuses privileged containers): remove it",
  cap_add: "berth adds no Linux capabilities (Fargate allows only SYS_PTRACE): remove it",
  devices: "a container on Fargate or berth's host has no host devices: remove it",
  network_mode: "berth connects the app's services itself: remove it",
  networks: "berth connects the app's services itself (they reach each other by service name): remove it",
  links: "services reach each other by service name without links (links are a legacy compose feature): remove it",
  external_links: "berth reaches no container outside the app: remove it",
  container_name: "berth names the containers itself: remove it",
  hostname: "berth names the containers itself: remove it",
  pid: "berth shares no process namespace with the host: remove it",
  ipc: "berth shares no IPC namespace with the host: remove it",
  userns_mode: "berth sets no user namespace mode: remove it",
  security_opt: "berth sets the containers' security options itself: remove it",
  extra_hosts: "berth writes no /etc/hosts entries: use DNS names",
  secrets: "compose secrets are files on your machine: list the variable under services.<name>.secrets in berth.config.ts with its SSM parameter or Secrets Manager ARN",
  configs: "compose configs are files on your machine: COPY the file into the image",
  labels: "berth sets no container labels: remove it",
  logging: "berth sends the logs to CloudWatch Logs itself: remove it",
  profiles: "berth deploys every service of the file: remove the profile, or the service",
  scale: "use deploy.replicas",
};

/** Keys whose mapping is below. */
const MAPPED = new Set(["image", "build", "platform", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "deploy", "restart", "healthcheck", "depends_on"]);

/** The berth service for `service` (its input form), and the problems; extension keys (`x-…`) are ignored as compose ignores them. */
export function mapService(name: string, service: unknown, context: ServiceContext): { service: Record<string, unknown>; problems: ComposeProblem[] } {
  const at = ["services", name];
  const problems: ComposeProblem[] = [];
  const problem = (path: readonly (string | number)[], message: string) => problems.push({ path: [...at, ...path], message });
  const take = <T>(path: readonly (string | number)[], parsed: Parsed<T>): T | undefined => ("problem" in parsed ? void problem(path, parsed.problem) : parsed.value);
  if (service === null || typeof service !== "object" || Array.isArray(service)) {
    problem([], "must be a mapping of the service's keys (image or build, ports, environment, …)");
    return { service: {}, problems };
  }
  const s = service as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (key.startsWith("x-") || MAPPED.has(key)) continue;
    problem([key], REFUSED[key] ?? "is not a key berth maps: remove it (docs/services.md lists the keys berth maps, and why not the others)");
  }
  const out: Record<string, unknown> = {};
  const image = mapImage(s, problem, take);
  if (image) out.image = image;
  for (const key of ["command", "entrypoint"] as const) {
    if (s[key] === undefined) continue;
    const words = typeof s[key] === "string" ? take([key], shellWords(s[key])) : stringList(s[key], [key], problem, take);
    if (words) out[key] = words;
  }
  const environment = { ...envFiles(s.env_file, context, problem, take), ...environmentOf(s.environment, ["environment"], problem, take) };
  if (Object.keys(environment).length > 0) out.environment = environment;
  const reach = portOf(s, problem, take);
  if (reach) Object.assign(out, reach);
  const volumes = volumesOf(s.volumes, context, problem);
  if (volumes.length > 0) out.volumes = volumes;
  const dependsOn = dependsOnOf(s.depends_on, problem);
  if (dependsOn) out.dependsOn = dependsOn;
  const containerHealthCheck = healthcheckOf(s.healthcheck, problem, take);
  if (containerHealthCheck) out.containerHealthCheck = containerHealthCheck;
  Object.assign(out, deployOf(s.deploy, problem, take));
  if (s.restart !== undefined && s.restart !== "always" && s.restart !== "unless-stopped") {
    problem(["restart"], `is ${JSON.stringify(s.restart)}, but berth restarts a stopped service always (the host: unless-stopped; Fargate: a new task): write "unless-stopped", or remove it`);
  }
  return { service: out, problems };
}

/** Records a problem at a path under the service. */
export type Problem = (path: readonly (string | number)[], message: string) => void;
/** A parsed value, or undefined after recording its problem at `path`. */
export type Take = <T>(path: readonly (string | number)[], parsed: Parsed<T>) => T | undefined;

/** `image` (an existing image) or `build` (berth builds it; an `image` beside it only names the local build). */
function mapImage(s: Record<string, unknown>, problem: Problem, take: Take): Record<string, unknown> | undefined {
  const platform = s.platform === undefined ? {} : { platform: s.platform };
  if (s.build !== undefined) {
    const build = typeof s.build === "string" ? { context: s.build } : s.build;
    if (build === null || typeof build !== "object" || Array.isArray(build)) {
      problem(["build"], "must be a context path or a mapping { context, dockerfile?, target?, args? }");
      return undefined;
    }
    const { context, dockerfile, target, args, ...rest } = build as Record<string, unknown>;
    for (const key of Object.keys(rest)) problem(["build", key], "is not a build key berth maps (context, dockerfile, target, args): remove it");
    const buildArgs = environmentOf(args, ["build", "args"], problem, take);
    return { context: context ?? ".", ...(dockerfile === undefined ? {} : { dockerfile }), ...(target === undefined ? {} : { target }), ...(buildArgs ? { buildArgs } : {}), ...platform };
  }
  if (s.image === undefined) {
    problem([], "has neither image nor build: give the image to run, or build: <context>");
    return undefined;
  }
  const uri = typeof s.image === "string" ? take(["image"], literalText(s.image)) : s.image;
  return uri === undefined ? undefined : { uri, ...platform };
}

/** `environment` (or `build.args`, at `at`) in its mapping or list form; a name without a value (read from the shell by compose) is refused. */
function environmentOf(value: unknown, at: readonly string[], problem: Problem, take: Take): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      if (typeof entry !== "string") return problem([...at, i], `must be "NAME=value" (got ${JSON.stringify(entry)})`);
      const eq = entry.indexOf("=");
      if (eq < 0) return problem([...at, i], `names ${entry} without a value, which compose reads from your shell; berth reads no shell variables at deploy: write ${entry}=<value>, or list it under secrets in berth.config.ts`);
      const text = take([...at, i], literalText(entry.slice(eq + 1)));
      if (text !== undefined) out[entry.slice(0, eq)] = text;
    });
    return out;
  }
  if (value === null || typeof value !== "object") {
    problem(at, `must be a mapping of names to values, or a list of "NAME=value" (got ${JSON.stringify(value)})`);
    return undefined;
  }
  for (const [name, v] of Object.entries(value)) {
    if (v === null) {
      problem([...at, name], "has no value, which compose reads from your shell; berth reads no shell variables at deploy: write the value, or list it under secrets in berth.config.ts");
    } else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      const text = take([...at, name], literalText(String(v)));
      if (text !== undefined) out[name] = text;
    } else {
      problem([...at, name], `must be a string, number or boolean (got ${JSON.stringify(v)})`);
    }
  }
  return out;
}

/** The variables of `env_file` (one path, a list of paths, or `{ path, required }` entries), later files winning. */
function envFiles(value: unknown, context: ServiceContext, problem: Problem, take: Take): Record<string, string> {
  if (value === undefined) return {};
  const entries = Array.isArray(value) ? value : [value];
  const out: Record<string, string> = {};
  entries.forEach((entry, i) => {
    const path = Array.isArray(value) ? ["env_file", i] : ["env_file"];
    const { path: file, required = true, ...rest } = typeof entry === "string" ? { path: entry } : ((entry ?? {}) as { path?: unknown; required?: unknown });
    if (Object.keys(rest).length > 0) return problem(path, `sets ${Object.keys(rest).join(", ")}, which berth does not map (path, required): remove ${Object.keys(rest).length === 1 ? "it" : "them"}`);
    if (typeof file !== "string") return problem(path, `must be a file path, or { path, required? } (got ${JSON.stringify(entry)})`);
    const variables = context.readEnvFile(file);
    if (variables === undefined) {
      if (required !== false) problem(path, `names ${file}, which does not exist (relative to the compose file): create it, or mark the entry { path: ${JSON.stringify(file)}, required: false }`);
      return;
    }
    for (const [name, text] of Object.entries(variables)) {
      const literal = take([...path, name], literalText(text));
      if (literal !== undefined) out[name] = literal;
    }
  });
  return out;
}

/** `ports` make the service public, `expose` internal; either gives the one port it listens on. */
function portOf(s: Record<string, unknown>, problem: Problem, take: Take): { port: number; expose: "public" | "internal" } | undefined {
  const [key, expose] = s.ports !== undefined ? (["ports", "public"] as const) : s.expose !== undefined ? (["expose", "internal"] as const) : [];
  if (key === undefined) return undefined;
  const list = s[key];
  if (!Array.isArray(list) || list.length === 0) {
    problem([key], `must be a list with the service's one port, e.g. ["8080"] (got ${JSON.stringify(list)})`);
    return undefined;
  }
  const ports = [...new Set(list.map((entry, i) => take([key, i], containerPort(entry))))];
  if (ports.includes(undefined)) return undefined;
  if (ports.length > 1) {
    problem([key], `lists the container ports ${ports.join(", ")}: berth routes one port per service; keep the port the app serves on`);
    return undefined;
  }
  return { port: ports[0]!, expose };
}

/** Named volumes: `name:/path` or `{ type: volume, source, target }`; a bind mount or an anonymous volume is refused. */
function volumesOf(value: unknown, context: ServiceContext, problem: Problem): { name: string; path: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problem(["volumes"], `must be a list of "name:/path" entries (got ${JSON.stringify(value)})`);
    return [];
  }
  const out: { name: string; path: string }[] = [];
  value.forEach((entry, i) => {
    const parts = typeof entry === "string" ? entry.split(":") : [];
    const long = entry !== null && typeof entry === "object" ? (entry as Record<string, unknown>) : undefined;
    const options = long ? Object.keys(long).filter((key) => !["type", "source", "target", "read_only"].includes(key)) : [];
    if (options.length > 0) return problem(["volumes", i], `sets ${options.join(", ")}, which berth does not map (type, source, target): remove ${options.length === 1 ? "it" : "them"}`);
    const [type, source, target, mode] = long ? [long.type, long.source, long.target, long.read_only === true ? "ro" : undefined] : ["volume", parts.length > 1 ? parts[0] : undefined, parts.length > 1 ? parts[1] : parts[0], parts[2]];
    const bind = type === "bind" || (typeof source === "string" && /^[./~]/.test(source));
    if (bind) {
      return problem(["volumes", i], `is a host bind mount (${JSON.stringify(entry)}): your machine's files are not on the server; COPY the code into the image (Dockerfile), and keep data in a named volume`);
    }
    if (type !== "volume") return problem(["volumes", i], `is a ${String(type)} mount: berth mounts named volumes only`);
    if (typeof source !== "string" || source === "") return problem(["volumes", i], `is an anonymous volume (${JSON.stringify(entry)}): give it a name declared under the top-level volumes, e.g. "data:/var/lib/data"`);
    if (!context.volumeNames.has(source)) return problem(["volumes", i], `names the volume "${source}", which the top-level volumes do not declare: add ${source}: {} under volumes`);
    if (mode !== undefined && mode !== "rw") return problem(["volumes", i], `is mounted ${mode === "ro" ? "read-only" : `with "${mode}"`}: berth mounts named volumes read-write; remove the mode`);
    if (typeof target !== "string") return problem(["volumes", i], "has no container path: give it, e.g. data:/var/lib/data");
    out.push({ name: source, path: target });
  });
  return out;
}

/** `deploy.replicas` and `deploy.resources.limits` (cpus, memory); any other deploy key is refused. */
function deployOf(value: unknown, problem: Problem, take: Take): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problem(["deploy"], "must be a mapping { replicas?, resources?: { limits?: { cpus?, memory? } } }");
    return {};
  }
  const { replicas, resources, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) problem(["deploy", key], "is not a deploy key berth maps (replicas, resources.limits): remove it; berth's own deployment settings are in berth.config.ts");
  const out: Record<string, unknown> = {};
  if (replicas !== undefined) out.desiredCount = replicas;
  if (resources === undefined) return out;
  const { limits, ...other } = (resources ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(other)) {
    problem(["deploy", "resources", key], key === "reservations" ? "reserves, while berth sizes each service by its limits: give deploy.resources.limits instead" : "is not a resources key berth maps (limits): remove it");
  }
  const { cpus, memory, ...more } = (limits ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(more)) problem(["deploy", "resources", "limits", key], "is not a limit berth maps (cpus, memory): remove it");
  const cpu = cpus === undefined ? undefined : take(["deploy", "resources", "limits", "cpus"], cpuUnits(cpus));
  const mib = memory === undefined ? undefined : take(["deploy", "resources", "limits", "memory"], memoryMiB(memory));
  if (cpu !== undefined) out.cpu = cpu;
  if (mib !== undefined) out.memoryMiB = mib;
  return out;
}

/** A list of strings (the list form of `command` and `entrypoint`). */
function stringList(value: unknown, path: readonly (string | number)[], problem: Problem, take: Take): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    problem(path, `must be a string or a list of strings (got ${JSON.stringify(value)})`);
    return undefined;
  }
  const words = value.map((v, i) => take([...path, i], literalText(v as string)));
  return words.includes(undefined) ? undefined : (words as string[]);
}
