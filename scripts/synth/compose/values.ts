import { parse as parseShellWords } from "shell-quote";

/**
 * Parsers of compose values (the Compose Specification's short syntaxes), each returning the value
 * berth needs or a reason it cannot be mapped. Pure: no file, no process environment.
 */

export type Parsed<T> = { readonly value: T } | { readonly problem: string };

/** Compose replaces `${VAR}` and `$VAR` from the shell or `.env` (Compose Specification, Interpolation); `$$` is a literal `$`. */
const INTERPOLATION = /\$(\{|[A-Za-z_])/;

/** A string of the compose file with `$$` read as `$`, or a problem when it interpolates a variable. */
export function literalText(text: string): Parsed<string> {
  if (INTERPOLATION.test(text.replaceAll("$$", ""))) {
    return { problem: `interpolates a variable (${JSON.stringify(text)}): berth reads no shell or .env variables at deploy; write the value itself, or set it under environment or secrets in berth.config.ts` };
  }
  return { value: text.replaceAll("$$", "$") };
}

/**
 * A command in the string form, split as compose splits it (shell words, no shell): ["node", "a b"].
 * A shell operator (`&&`, `|`, `>`…) means a shell was expected.
 */
export function shellWords(text: string): Parsed<string[]> {
  const literal = literalText(text);
  if ("problem" in literal) return literal;
  const words: string[] = [];
  // Variables were refused above; a `$` left is literal (from `$$`).
  for (const entry of parseShellWords(literal.value, (name) => `$${name}`)) {
    if (typeof entry === "string") words.push(entry);
    else if ("op" in entry && entry.op === "glob") words.push(entry.pattern);
    else if ("op" in entry) return { problem: `holds the shell operator "${entry.op}", but compose runs a command without a shell: write the list form, e.g. ["sh", "-c", ${JSON.stringify(literal.value)}]` };
    else return { problem: "holds a comment: remove it" };
  }
  if (words.length === 0) return { problem: "is empty: remove it to keep the image's CMD" };
  return { value: words };
}

/** The container port of a `ports` entry: `8080`, `"8080"`, `"80:8080"`, `"127.0.0.1:80:8080"`, `"8080/tcp"`, or `{ target: 8080 }`. */
export function containerPort(entry: unknown): Parsed<number> {
  if (typeof entry === "number") return wholePort(entry, entry);
  if (typeof entry === "string") {
    const [ports, protocol = "tcp"] = entry.split("/");
    if (protocol !== "tcp") return { problem: `is a ${protocol} port (${JSON.stringify(entry)}): the load balancer and the host's proxy carry TCP (HTTP) only` };
    const target = ports!.split(":").at(-1)!;
    if (target.includes("-")) return { problem: `is a port range (${JSON.stringify(entry)}): give the one port the service listens on` };
    return /^\d+$/.test(target) ? wholePort(Number(target), entry) : { problem: `is not a port mapping like "8080" or "80:8080" (got ${JSON.stringify(entry)})` };
  }
  if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
    const { target, protocol } = entry as { target?: unknown; protocol?: unknown };
    if (protocol !== undefined && protocol !== "tcp") return { problem: `is a ${String(protocol)} port: the load balancer and the host's proxy carry TCP (HTTP) only` };
    if (typeof target === "number") return wholePort(target, entry);
    if (typeof target === "string" && /^\d+$/.test(target)) return wholePort(Number(target), entry);
    return { problem: "has no target: give the container port, e.g. { target: 8080 }" };
  }
  return { problem: `is not a port mapping like "8080" or "80:8080" (got ${JSON.stringify(entry)})` };
}

function wholePort(port: number, got: unknown): Parsed<number> {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? { value: port } : { problem: `is not a port from 1 to 65535 (got ${JSON.stringify(got)})` };
}

/** Compose's byte units, powers of 1024 (Compose Specification, "Specifying byte values"). */
const BYTE_UNITS: Readonly<Record<string, number>> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** `deploy.resources.limits.memory` ("512m", "1g", or a number of bytes) in whole MiB. */
export function memoryMiB(value: unknown): Parsed<number> {
  const match = typeof value === "number" ? ["", String(value), "b"] : typeof value === "string" ? /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim()) : null;
  const unit = BYTE_UNITS[(match?.[2] || "b").toLowerCase()];
  if (!match || unit === undefined) return { problem: `is not a byte value like "512m" or "1g" (got ${JSON.stringify(value)})` };
  const mib = (Number(match[1]) * unit) / 1024 ** 2;
  return Number.isInteger(mib) ? { value: mib } : { problem: `is ${mib} MiB (got ${JSON.stringify(value)}): berth sizes memory in whole MiB; give e.g. "512m"` };
}

/** `deploy.resources.limits.cpus` ("0.5", 0.5) in CPU units (1024 = one vCPU). */
export function cpuUnits(value: unknown): Parsed<number> {
  const cpus = typeof value === "number" ? value : typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(cpus > 0)) return { problem: `is not a number of CPUs like "0.5" or 1 (got ${JSON.stringify(value)})` };
  const units = cpus * 1024;
  return Number.isInteger(units) ? { value: units } : { problem: `is ${units} CPU units (got ${JSON.stringify(value)}): berth sizes CPU in whole units of 1/1024 vCPU; give e.g. "0.25" or "0.5"` };
}

/** Compose's duration units (Compose Specification, "Specifying durations"), in microseconds. */
const DURATION_UNITS: Readonly<Record<string, number>> = { us: 1, ms: 1000, s: 1e6, m: 60e6, h: 3600e6 };

/** A duration ("30s", "1m30s", "1500ms") in whole seconds: ECS takes a health check's timing in seconds. */
export function durationSeconds(value: unknown): Parsed<number> {
  const text = typeof value === "string" ? value.trim() : "";
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    return { problem: `is not a duration like "30s" or "1m30s" (got ${JSON.stringify(value)})` };
  }
  const micros = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS[unit!]!, 0);
  const seconds = micros / 1e6;
  return Number.isInteger(seconds) ? { value: seconds } : { problem: `is ${seconds} seconds (got ${JSON.stringify(value)}): berth gives health check timing in whole seconds, as ECS takes it; round it, e.g. "${Math.max(1, Math.round(seconds))}s"` };
}
