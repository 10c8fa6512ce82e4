import type * as z from "zod";
import { SERVICE_NAME } from "../../constructs/limits/names";
import { LISTENER_RULE_PRIORITY, ROUTE_HOST, ROUTE_PATH } from "../../constructs/limits/routes";
import { DEPENDS_ON_CONDITIONS, checkDependencies } from "./dependencies";
import { fact, inRange, named, object, oneOf } from "./fields";
import { issue } from "./issue";
import { checkRoutes } from "./routes";
import { DEFAULTS } from "./presets";
import { appHead, appTail, crossChecks, serviceChecks, serviceFields } from "./schema";
import { serviceNameOf, singleView } from "./single-view";
import { spanningChecks } from "./spanning";

/**
 * The services form of the spec: the app-wide fields, and a map of named services in place of the
 * single service's fields at the top level (docs/spec.md, "Services"). The single-service spec stays
 * the shorthand for one public service named "web".
 */

/** How a service is reached. */
export const EXPOSE = ["public", "internal"] as const;

const service = object({
  ...serviceFields,
  /** Port the container listens on; a service without one is reached by nobody (a worker). @default - none */
  port: serviceFields.port.optional(),
  /**
   * "public": users reach it (through the load balancer, or the host's published port);
   * "internal": only the app's other services reach it. @default "internal" when the service has a port
   */
  expose: oneOf(EXPOSE).optional(),
  /**
   * Which requests reach this public service when the app has several: those under a path prefix
   * (`/api` and `/api/…`, passed on unchanged), those for a host name, or both. The one public
   * service without a route takes every other request. @default - none (the app's default service)
   */
  route: object({
    /** Path prefix, e.g. "/api". @default - any path */
    path: fact(ROUTE_PATH).optional(),
    /** Host name, e.g. "api.example.com"; its DNS must point at the app. @default - any host */
    host: fact(ROUTE_HOST).optional(),
    /**
     * Where it comes in the order routes are tried, lower first (the ALB rule's priority). Only
     * for two routes whose derived numbers clash (the spec says so). @default - from the host or
     * path depth and a hash of the service's name (docs/services.md)
     */
    priority: inRange(LISTENER_RULE_PRIORITY).optional(),
  }).optional(),
  /**
   * The app's services this one starts after, each with what it must reach first: "started",
   * "healthy" (its containerHealthCheck passes) or "completed" (a one-shot job without a port that
   * exited). @default {}
   */
  dependsOn: named(fact(SERVICE_NAME), oneOf(DEPENDS_ON_CONDITIONS), '{ db: "healthy" }').optional(),
});

/** The spec's fields when it names its services. */
export const multiServiceShape = {
  ...appHead,
  /** The app's services by name, e.g. `{ web: { image, port, expose: "public" } }`. */
  services: named(fact(SERVICE_NAME), service, '{ web: { image: { context: "." }, port: 8080, expose: "public" } }'),
  ...appTail,
};

const multiServiceObject = object(multiServiceShape);

/** What a user writes in berth.config.ts when the app names its services. */
export type MultiServiceSpecInput = z.input<typeof multiServiceObject>;
/**
 * A services spec whose services come from a compose file (`compose`, relative to the spec file;
 * read by the loader, scripts/synth/compose): `services.<name>` sets fields over the compose file's
 * service of that name, field by field, or adds a service.
 */
export type ComposeSpecInput = Omit<MultiServiceSpecInput, "services"> & {
  readonly compose: string;
  readonly services?: Record<string, Partial<MultiServiceSpecInput["services"][string]>>;
};

/** A validated services spec, before stage presets are applied. */
export type MultiServiceConfig = z.output<typeof multiServiceObject>;

/** The top-level keys of a single-service spec that belong to its one service. */
const SERVICE_KEYS: ReadonlySet<PropertyKey> = new Set(Object.keys(serviceFields));

export const multiServiceSchema = multiServiceObject.superRefine((spec, ctx) => {
  const names = Object.keys(spec.services);
  if (names.length === 0) {
    issue(ctx, ["services"], 'must hold at least one service, e.g. { web: { image: { context: "." }, port: 8080, expose: "public" } }');
    return;
  }
  for (const [name, s] of Object.entries(spec.services)) {
    if (s.expose !== undefined && s.port === undefined) {
      issue(ctx, ["services", name, "expose"], `is "${s.expose}" but the service has no port: give the port its container listens on, or leave expose out for a service nobody connects to (a worker)`);
    }
    if (s.healthCheck !== undefined && s.expose !== "public") {
      issue(ctx, ["services", name, "healthCheck"], 'is the HTTP probe of the load balancer or host, which only a public service gets: set expose: "public", or remove healthCheck');
    }
  }
  checkDependencies(spec, ctx);
  checkRoutes(spec, ctx);
  sharedVolumeChecks(spec, ctx);
  sharedSecretChecks(spec, ctx);
  if (ctx.issues.length > 0) return;
  // The app-wide and target checks read the single-service form; their problems with a service field
  // are reported under the service.
  const view = singleView(spec);
  const main = serviceNameOf(view);
  crossChecks(view, underService(ctx, main));
  for (const [name, s] of Object.entries(spec.services)) if (name !== main) serviceChecks(spec, s, ["services", name], ctx);
  spanningChecks(view, underService(ctx, main), spec);
});

/**
 * A volume named in several services is one Docker volume, mounted by each (on the EC2 host and in
 * `berth up`): its top directory has one owner.
 */
function sharedVolumeChecks(spec: MultiServiceConfig, ctx: z.RefinementCtx): void {
  const owners = new Map<string, { service: string; uid: number; gid: number }>();
  for (const [name, s] of Object.entries(spec.services)) {
    s.volumes?.forEach((v, i) => {
      const owner = { service: name, uid: v.uid ?? DEFAULTS.volume.uid, gid: v.gid ?? DEFAULTS.volume.gid };
      const first = owners.get(v.name);
      if (first === undefined) {
        owners.set(v.name, owner);
      } else if (first.uid !== owner.uid || first.gid !== owner.gid) {
        issue(
          ctx,
          ["services", name, "volumes", i],
          `mounts volume "${v.name}" owned by ${owner.uid}:${owner.gid}, but services.${first.service} mounts it owned by ${first.uid}:${first.gid}: a volume shared by services is one directory with one owner; give both the same uid and gid`,
        );
      }
    });
  }
}

/**
 * On the EC2 host (and in `berth up`) every secret is fetched once into the environment of `docker
 * compose`, which hands each service the names it lists: one name reads one secret.
 */
function sharedSecretChecks(spec: MultiServiceConfig, ctx: z.RefinementCtx): void {
  const arns = new Map<string, { service: string; arn: string }>();
  for (const [name, s] of Object.entries(spec.services)) {
    for (const [variable, arn] of Object.entries(s.secrets ?? {})) {
      const first = arns.get(variable);
      if (first === undefined) {
        arns.set(variable, { service: name, arn });
      } else if (first.arn !== arn) {
        issue(
          ctx,
          ["services", name, "secrets", variable],
          `reads ${arn}, but services.${first.service}.secrets.${variable} reads ${first.arn}: the app's services share one set of secret variables (the EC2 host fetches each once), so one name reads one secret; rename one of the variables`,
        );
      }
    }
  }
}

/** `ctx`, with an issue at a service field (`port`, `volumes[0]`…) moved under `services.<name>`. */
function underService(ctx: z.RefinementCtx, name: string): z.RefinementCtx {
  return {
    ...ctx,
    get issues() {
      return ctx.issues;
    },
    addIssue(raw) {
      if (typeof raw === "string") return ctx.addIssue(raw);
      const path = raw.path ?? [];
      ctx.addIssue({ ...raw, path: path.length > 0 && SERVICE_KEYS.has(path[0]!) ? ["services", name, ...path] : path });
    },
  } as z.RefinementCtx;
}

/** Whether `input` is written in the services form (it has a `services` key). */
export function isMultiService(input: unknown): boolean {
  return input !== null && typeof input === "object" && !Array.isArray(input) && "services" in input;
}
