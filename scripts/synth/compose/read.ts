import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { parseDocument } from "yaml";
import { BerthError } from "../../../stacks/errors";
import { formatPath } from "../../../stacks/spec/issue";
import { mapService, type ComposeProblem } from "./service";

/** Top-level keys of a compose file that berth reads or may ignore (`version` is obsolete; `name` names the local project). */
const TOP_LEVEL = new Set(["services", "volumes", "version", "name"]);

/**
 * Reads a compose file (the Compose Specification) as the services of a berth spec, by name.
 * Throws a BerthError listing every problem at its path in the compose file.
 */
export function readCompose(file: string, shownAs: string): Record<string, Record<string, unknown>> {
  if (!existsSync(file)) throw new BerthError(`The compose file ${shownAs} does not exist (resolved to ${file}).\nFix the spec's compose path (relative to the spec file) and run again.`);
  const document = parseDocument(readFileSync(file, "utf8"), { merge: true });
  if (document.errors.length > 0) {
    throw new BerthError(`The compose file ${shownAs} is not valid YAML:\n  ${document.errors.map((e) => e.message.split("\n")[0]).join("\n  ")}\nFix the file and run again.`);
  }
  const compose: unknown = document.toJS();
  const problems: ComposeProblem[] = [];
  const services: Record<string, Record<string, unknown>> = {};
  if (compose === null || typeof compose !== "object" || Array.isArray(compose)) {
    problems.push({ path: [], message: "must be a mapping with services:" });
  } else {
    const top = compose as Record<string, unknown>;
    for (const key of Object.keys(top)) {
      if (!TOP_LEVEL.has(key) && !key.startsWith("x-")) problems.push({ path: [key], message: topLevelReason(key) });
    }
    const volumeNames = volumesOf(top.volumes, problems);
    const context = { volumeNames, readEnvFile: (path: string) => envFile(resolve(dirname(file), path)) };
    if (top.services === null || typeof top.services !== "object" || Array.isArray(top.services) || Object.keys(top.services).length === 0) {
      problems.push({ path: ["services"], message: "must be a mapping of at least one service" });
    } else {
      for (const [name, service] of Object.entries(top.services)) {
        const mapped = mapService(name, service, context);
        services[name] = mapped.service;
        problems.push(...mapped.problems);
      }
    }
  }
  if (problems.length > 0) {
    throw new BerthError(
      `The compose file ${shownAs} has ${problems.length} problem${problems.length === 1 ? "" : "s"} for berth:\n` +
        problems.map((p) => `  ✖ ${formatPath(p.path)}: ${p.message}`).join("\n") +
        "\nChange the compose file (docs/services.md says what berth maps) and run again.",
    );
  }
  return services;
}

function topLevelReason(key: string): string {
  if (key === "networks") return "berth connects the app's services itself (they reach each other by service name): remove it";
  if (key === "secrets" || key === "configs") return `compose ${key} are files on your machine: give secrets as SSM parameter or Secrets Manager ARNs under services.<name>.secrets in berth.config.ts, and COPY other files into the image`;
  return "is not a top-level key berth reads (services, volumes): remove it";
}

/** The names under the top-level `volumes`; berth creates each volume itself, so options are refused. */
function volumesOf(value: unknown, problems: ComposeProblem[]): Set<string> {
  if (value === undefined) return new Set();
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.push({ path: ["volumes"], message: "must be a mapping of volume names, e.g. volumes: { data: {} }" });
    return new Set();
  }
  for (const [name, options] of Object.entries(value)) {
    for (const key of Object.keys(options ?? {})) {
      problems.push({ path: ["volumes", name, key], message: "is a volume option, but berth creates each volume itself (on the host's data volume, or as an EFS access point): remove it" });
    }
  }
  return new Set(Object.keys(value));
}

function envFile(path: string): Record<string, string> | undefined {
  return existsSync(path) ? parseDotenv(readFileSync(path, "utf8")) : undefined;
}
