import { MAIN_IMAGE_NAME } from "../naming";
import type { BerthConfig } from "./schema";
import type { MultiServiceConfig } from "./services";

/** The service name of each single view made here; a single-service spec's service is "web". */
const serviceNames = new WeakMap<BerthConfig, string>();

/**
 * A services spec as the single-service spec of its default public service (the public one without a route): the app-wide fields and that
 * service's fields at the top level. The targets and their checks read this form; the service's
 * name stays available through serviceNameOf. Only for a validated spec with a public service.
 */
export function singleView(spec: MultiServiceConfig): BerthConfig {
  const entry = Object.entries(spec.services).find(([, service]) => service.expose === "public" && service.route === undefined);
  if (entry === undefined || entry[1].port === undefined) throw new Error("singleView: the spec has no public service without a route, with a port (validate it first)");
  // A lone service depends on no other (the spec refuses it), so dependsOn is at most {}.
  const [name, { expose: _expose, dependsOn: _dependsOn, route: _route, port, ...fields }] = entry;
  const { services: _services, ...app } = spec;
  const view: BerthConfig = { ...app, ...fields, port };
  serviceNames.set(view, name);
  return view;
}

/** The name of the service `spec` describes: its name under `services`, or "web" for a single-service spec. */
export function serviceNameOf(spec: BerthConfig): string {
  return serviceNames.get(spec) ?? MAIN_IMAGE_NAME;
}
