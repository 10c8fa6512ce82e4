import { mapService } from "../../../../scripts/synth/compose/service";

/** A compose depends_on (Compose Specification, depends_on) as the service's dependsOn. */

const context = { volumeNames: new Set<string>(), readEnvFile: () => undefined };
const mapped = (dependsOn: unknown) => mapService("web", { build: ".", depends_on: dependsOn }, context);
const problems = (dependsOn: unknown) => mapped(dependsOn).problems.map((p) => `${p.path.join(".")}: ${p.message}`);

describe("a compose depends_on maps", () => {
  it("in the short form to started", () => {
    expect(mapped(["db", "cache"]).service.dependsOn).toEqual({ db: "started", cache: "started" });
  });

  it("in the long form, each condition to the spec's", () => {
    expect(mapped({ db: { condition: "service_healthy" }, cache: { condition: "service_started" }, migrate: { condition: "service_completed_successfully" } }).service.dependsOn).toEqual({
      db: "healthy",
      cache: "started",
      migrate: "completed",
    });
  });

  it("in the long form without a condition to started", () => {
    expect(mapped({ db: { required: true, restart: false } }).service.dependsOn).toEqual({ db: "started" });
  });
});

describe("a compose depends_on is refused", () => {
  it("when it is neither a list nor a mapping", () => {
    expect(problems("db")).toEqual(['services.web.depends_on: must be a list of service names, or a mapping of names to { condition } (got "db")']);
  });

  it("when a list entry is not a name", () => {
    expect(problems([5])).toEqual(["services.web.depends_on.0: must be a service name (got 5)"]);
  });

  it("when a long-form entry is not a mapping", () => {
    expect(problems({ db: "service_healthy" })).toEqual(['services.web.depends_on.db: must be a mapping { condition } (got "service_healthy")']);
  });

  it("with a condition compose does not know", () => {
    expect(problems({ db: { condition: "healthy" } })).toEqual([
      'services.web.depends_on.db.condition: must be one of service_started, service_healthy, service_completed_successfully (got "healthy")',
    ]);
  });

  it("with required: false, since berth deploys every service", () => {
    expect(problems({ db: { condition: "service_started", required: false } })).toEqual([
      "services.web.depends_on.db.required: is false, but berth deploys every service of the file and each one it depends on: remove it",
    ]);
  });

  it("with restart: true, since berth restarts no dependent service", () => {
    expect(problems({ db: { restart: true } })).toEqual(["services.web.depends_on.db.restart: is true, but berth does not restart a service when db is replaced: remove it"]);
  });

  it("with a key berth does not map", () => {
    expect(problems({ db: { wait: true } })).toEqual(["services.web.depends_on.db.wait: is not a depends_on key berth maps (condition, required, restart): remove it"]);
  });
});
