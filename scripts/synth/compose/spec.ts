import { dirname, relative, resolve } from "node:path";
import { BerthError } from "../../../stacks/errors";
import { readCompose } from "./read";

/**
 * A spec with `compose: "./compose.yaml"` as the services spec it stands for: the compose file's
 * services, each with the fields that `services.<name>` in the spec sets over them (a name the
 * compose file lacks adds a service). Any other spec is returned as it is.
 */
export function withComposeServices(spec: unknown, specFile: string): unknown {
  if (spec === null || typeof spec !== "object" || !("compose" in spec)) return spec;
  const { compose, services: overrides = {}, ...app } = spec as Record<string, unknown>;
  if (typeof compose !== "string" || compose === "") {
    throw new BerthError(`The spec's compose must be the path of a compose file, relative to the spec file (got ${JSON.stringify(compose)}).\nWrite e.g. compose: "./compose.yaml".`);
  }
  if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) {
    throw new BerthError(`The spec's services must be an object of service names to the fields set over the compose file's (got ${JSON.stringify(overrides)}).\nWrite e.g. services: { web: { healthCheck: { path: "/health" } } }.`);
  }
  const file = resolve(dirname(specFile), compose);
  const services = readCompose(file, relative(process.cwd(), file) || file);
  for (const [name, fields] of Object.entries(overrides)) services[name] = { ...services[name], ...(fields as Record<string, unknown>) };
  return { ...app, services };
}
