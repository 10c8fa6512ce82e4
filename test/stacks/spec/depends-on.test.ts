import { problemsOf } from "../../helpers";

/** services.<name>.dependsOn (stacks/spec/dependencies.ts), on the ec2 target, which runs several services. */

const APP = { app: "shop", region: "eu-west-1", targets: ["ec2"] };
const CHECK = { command: ["CMD", "/ready"] };
const web = (dependsOn: Record<string, unknown>) => ({ image: { context: "./web" }, port: 8080, expose: "public", dependsOn });
const db = (more: Record<string, unknown> = {}) => ({ image: { uri: "public.ecr.aws/docker/library/postgres:17" }, port: 5432, ...more });
const migrate = { image: { context: "./web" }, command: ["migrate"] };

const dependencyProblems = (services: Record<string, unknown>) => problemsOf({ ...APP, services });

describe("dependsOn accepts", () => {
  it('"started" on another service', () => {
    expect(dependencyProblems({ web: web({ db: "started" }), db: db() })).toEqual([]);
  });

  it('"healthy" on a service with a containerHealthCheck', () => {
    expect(dependencyProblems({ web: web({ db: "healthy" }), db: db({ containerHealthCheck: CHECK }) })).toEqual([]);
  });

  it('"completed" on a service without a port (a one-shot job)', () => {
    expect(dependencyProblems({ web: web({ migrate: "completed" }), migrate })).toEqual([]);
  });

  it("a chain without a cycle (web → api → db)", () => {
    expect(dependencyProblems({ web: web({ api: "started" }), api: { ...db(), dependsOn: { db: "started" } }, db: db() })).toEqual([]);
  });

  it("an empty dependsOn on a lone service", () => {
    expect(problemsOf({ ...APP, services: { web: web({}) } })).toEqual([]);
  });
});

describe("dependsOn refuses", () => {
  it("a service that is not in the spec, listing the spec's services", () => {
    expect(dependencyProblems({ web: web({ cache: "started" }), db: db() })).toEqual([
      'services.web.dependsOn.cache: names no service of this spec (its services: web, db): add cache under services, or remove this entry (got "started")',
    ]);
  });

  it("a service that is not in the spec of a lone service", () => {
    expect(problemsOf({ ...APP, services: { web: web({ cache: "started" }) } })).toEqual([
      'services.web.dependsOn.cache: names no service of this spec (its services: web): add cache under services, or remove this entry (got "started")',
    ]);
  });

  it("the service itself", () => {
    expect(dependencyProblems({ web: web({ web: "started" }), db: db() })).toEqual(['services.web.dependsOn.web: is the service itself: a service cannot wait for itself; remove this entry (got "started")']);
  });

  // Compose Specification, depends_on: service_healthy needs the dependency's healthcheck; ECS ContainerDependency HEALTHY likewise.
  it('"healthy" on a service without a containerHealthCheck', () => {
    expect(dependencyProblems({ web: web({ db: "healthy" }), db: db() })).toEqual([
      'services.web.dependsOn.db: is "healthy" but services.db has no containerHealthCheck, so it never reports healthy: give db a containerHealthCheck, or wait for "started" (got "healthy")',
    ]);
  });

  it('"completed" on a service with a port', () => {
    expect(dependencyProblems({ web: web({ db: "completed" }), db: db() })).toEqual([
      'services.web.dependsOn.db: is "completed" but services.db has a port: a service that serves never completes; wait for "started" or "healthy", or make db a one-shot job without a port (got "completed")',
    ]);
  });

  it("a condition that is not started, healthy or completed", () => {
    expect(dependencyProblems({ web: web({ db: "service_healthy" }), db: db() })).toEqual(['services.web.dependsOn.db: must be one of "started", "healthy", "completed" (got "service_healthy")']);
  });

  it("a value that is not an object, with an example of one", () => {
    expect(dependencyProblems({ web: web("db" as never), db: db() })).toEqual(['services.web.dependsOn: must be an object of names to values like { db: "healthy" } (got "db")']);
  });

  it("a key that is not a service name", () => {
    expect(dependencyProblems({ web: web({ DB: "started" }), db: db() })).toEqual([
      'services.web.dependsOn: key "DB" is not allowed: must be 1-20 lower case letters, digits and single hyphens, starting with a letter',
    ]);
  });

  it("a cycle of two services, naming it", () => {
    expect(dependencyProblems({ web: web({ db: "started" }), db: db({ dependsOn: { web: "started" } }) })).toEqual([
      'services.web.dependsOn.db: closes a cycle (web → db → web): each of these services would wait for the next, so none could start; remove one of these dependencies (got "started")',
    ]);
  });

  it("a cycle of three services, naming it", () => {
    expect(dependencyProblems({ web: web({ api: "started" }), api: { ...db(), dependsOn: { db: "started" } }, db: db({ dependsOn: { web: "started" } }) })).toEqual([
      'services.web.dependsOn.api: closes a cycle (web → api → db → web): each of these services would wait for the next, so none could start; remove one of these dependencies (got "started")',
    ]);
  });

  it("a cycle that does not pass through the first service", () => {
    expect(dependencyProblems({ web: web({ api: "started" }), api: { ...db(), dependsOn: { db: "started" } }, db: db({ dependsOn: { api: "started" } }) })).toEqual([
      'services.api.dependsOn.db: closes a cycle (api → db → api): each of these services would wait for the next, so none could start; remove one of these dependencies (got "started")',
    ]);
  });
});
