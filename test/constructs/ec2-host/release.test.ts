import { parse } from "yaml";
import { cloudConfig, userData } from "../../../constructs/ec2-host/cloud-init";
import { composeFile, type ComposeInput } from "../../../constructs/ec2-host/compose";
import { deployCommands, deployDocument } from "../../../constructs/ec2-host/deploy-document";
import { DEPLOY_SCRIPTS } from "../../../constructs/ec2-host/host-scripts";
import { releaseParameters, releaseFiles, type ReleaseInput } from "../../../constructs/ec2-host/release";

const INPUT = { port: 8080, httpPort: 80, environment: {}, secrets: {}, volumes: [], stopGracePeriodSeconds: 30, proxyImage: "public.ecr.aws/docker/library/caddy:2.10.2-alpine" } satisfies ComposeInput;
const compose = (input: Partial<ComposeInput> = {}) => parse(composeFile({ ...INPUT, ...input })) as { services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown> };
const HTTPS = { domain: "shop.example.com" };

describe("compose file", () => {
  it("runs the release's image, restarting unless stopped", () => {
    expect(compose().services.web).toMatchObject({ image: "${BERTH_IMAGE_WEB:?BERTH_IMAGE_WEB must name the release's image of web}", restart: "unless-stopped", stop_grace_period: "30s" });
  });

  it("publishes the app on the host's HTTP port without HTTPS", () => {
    expect(compose().services.web!.ports).toEqual(["80:8080"]);
  });

  it("with HTTPS: Caddy publishes 80 and 443, keeps its certificates in named volumes, and the app is on loopback only", () => {
    const { services, volumes } = compose({ https: HTTPS });
    expect([services.web!.ports, services.proxy!.ports, services.proxy!.volumes, Object.keys(volumes!)]).toEqual([
      ["127.0.0.1:8080:8080"],
      ["80:80", "443:443"],
      ["./Caddyfile:/etc/caddy/Caddyfile:ro", "caddy-data:/data", "caddy-config:/config"],
      ["caddy-data", "caddy-config"],
    ]);
  });

  it("with HTTPS: the proxy starts after the app and restarts unless stopped, like the app", () => {
    const proxy = compose({ https: HTTPS }).services.proxy!;
    expect([proxy.image, proxy.depends_on, proxy.restart]).toEqual(["public.ecr.aws/docker/library/caddy:2.10.2-alpine", ["web"], "unless-stopped"]);
  });

  it("names secrets without values, and escapes $ in plain values and the command", () => {
    const web = compose({ environment: { PRICE: "$5" }, secrets: { DB_URL: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db" }, command: ["echo", "$HOME"] }).services.web!;
    expect([web.environment, web.command]).toEqual([["PRICE=$$5", "DB_URL"], ["echo", "$$HOME"]]);
  });

  // Compose Specification, entrypoint: a list is the exec form; `$` would be interpolated by compose.
  it("writes the entrypoint in the exec form, escaping $", () => {
    expect(compose({ entrypoint: ["/bin/start", "$HOME"] }).services.web!.entrypoint).toEqual(["/bin/start", "$$HOME"]);
  });

  it("keeps the image's ENTRYPOINT when none is given (no entrypoint key)", () => {
    expect(compose().services.web!).not.toHaveProperty("entrypoint");
  });

  it("publishes the app's port on the given address only (berth up: loopback)", () => {
    expect(compose({ publishAddress: "127.0.0.1", httpPort: 3000 }).services.web!.ports).toEqual(["127.0.0.1:3000:8080"]);
  });

  it("mounts named volumes at their paths", () => {
    const { services, volumes } = compose({ volumes: [{ name: "data", path: "/var/lib/app" }] });
    expect([services.web!.volumes, volumes]).toEqual([["data:/var/lib/app"], { data: {} }]);
  });

  // Compose Specification, healthcheck: test (CMD/CMD-SHELL list), interval, timeout, retries, start_period.
  it("writes the container health check with every setting, escaping $ in the command", () => {
    const check = { command: ["CMD-SHELL", "test -n \"$PORT\""], intervalSeconds: 15, timeoutSeconds: 3, retries: 4, startPeriodSeconds: 20 };
    expect(compose({ containerHealthCheck: check }).services.web!.healthcheck).toEqual({ test: ["CMD-SHELL", 'test -n "$$PORT"'], interval: "15s", timeout: "3s", retries: 4, start_period: "20s" });
  });

  it("writes no healthcheck key without a container health check (the image's HEALTHCHECK, if any, applies)", () => {
    expect(compose().services.web!).not.toHaveProperty("healthcheck");
  });

  it("quotes values YAML 1.1 would misread", () => {
    expect(composeFile({ ...INPUT, port: 22, httpPort: 22 })).toContain('- "22:22"');
  });
});

describe("compose file of several services", () => {
  const JOB = { name: "migrate", command: ["migrate"], environment: {}, secrets: {}, volumes: [{ name: "data", path: "/srv/data" }] };
  const CACHE = { name: "cache-store", environment: {}, secrets: { CACHE_KEY: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/cache-key" }, volumes: [] };
  const several = () => compose({ dependsOn: { migrate: "completed", "cache-store": "healthy" }, volumes: [{ name: "data", path: "/var/lib/app" }], services: [JOB, CACHE] });

  it("names each service's image by its own variable, upper case with - as _", () => {
    expect(Object.values(several().services).map((s) => s.image)).toEqual([
      "${BERTH_IMAGE_WEB:?BERTH_IMAGE_WEB must name the release's image of web}",
      "${BERTH_IMAGE_MIGRATE:?BERTH_IMAGE_MIGRATE must name the release's image of migrate}",
      "${BERTH_IMAGE_CACHE_STORE:?BERTH_IMAGE_CACHE_STORE must name the release's image of cache-store}",
    ]);
  });

  // Compose Specification, depends_on (long syntax): condition service_started, service_healthy, service_completed_successfully.
  it("writes dependencies in the long form with compose's condition names", () => {
    expect(several().services.web!.depends_on).toEqual({ migrate: { condition: "service_completed_successfully" }, "cache-store": { condition: "service_healthy" } });
  });

  it("never restarts a one-shot job (a service another waits to complete); the others restart unless stopped", () => {
    expect(Object.values(several().services).map((s) => s.restart)).toEqual(["unless-stopped", "no", "unless-stopped"]);
  });

  it("declares a volume mounted by several services once", () => {
    expect(several().volumes).toEqual({ data: {} });
  });

  it("writes no depends_on key for a service without dependencies", () => {
    expect(several().services.migrate).not.toHaveProperty("depends_on");
  });
});

describe("release", () => {
  const HEALTH = { path: "/health", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2 };
  const RELEASE: ReleaseInput = { ...INPUT, volumes: [], secrets: {}, healthCheck: HEALTH, updateTimeoutSeconds: 180 };

  it("names each app volume's owner in release.conf (name:uid:gid), so a changed owner is a new release", () => {
    const volumes = [
      { name: "data", path: "/var/lib/app", uid: 1000, gid: 1000 },
      { name: "uploads", path: "/srv/uploads", uid: 2000, gid: 3000 },
    ];
    const files = releaseFiles({ ...RELEASE, volumes });
    expect(files["release.conf"]).toContain("\nBERTH_VOLUME_OWNERS=data:1000:1000 uploads:2000:3000\n");
  });

  it("names a volume shared by services once among the owners, and lists the one-shot jobs and the services created later", () => {
    const files = releaseFiles({
      ...RELEASE,
      volumes: [{ name: "data", path: "/var/lib/app", uid: 1000, gid: 1000 }],
      dependsOn: { migrate: "completed" },
      services: [{ name: "migrate", environment: {}, secrets: {}, volumes: [{ name: "data", path: "/srv", uid: 1000, gid: 1000 }], dependsOn: { db: "healthy" } }, { name: "db", environment: {}, secrets: {}, volumes: [] }],
    });
    expect(files["release.conf"].split("\n").filter((line) => /^BERTH_(VOLUME_OWNERS|ONE_SHOT_SERVICES|CREATE_LATER)=/.test(line))).toEqual([
      "BERTH_VOLUME_OWNERS=data:1000:1000",
      "BERTH_ONE_SHOT_SERVICES=migrate",
      "BERTH_CREATE_LATER=web migrate",
    ]);
  });

  it("writes neither one-shot jobs nor services created later for services that only wait for others to start", () => {
    const files = releaseFiles({ ...RELEASE, dependsOn: { db: "started" }, services: [{ name: "db", environment: {}, secrets: {}, volumes: [] }] });
    expect(files["release.conf"]).not.toMatch(/BERTH_ONE_SHOT_SERVICES|BERTH_CREATE_LATER/);
  });

  it("probes the app on its loopback port with HTTPS", () => {
    const files = releaseFiles({ ...RELEASE, https: HTTPS });
    expect(files["release.conf"]).toContain("BERTH_HEALTH_URL=http://127.0.0.1:8080/health\n");
  });

  it("writes Caddy's whole configuration: the ACME e-mail as a global option, the domain proxied to the app (Caddyfile syntax: caddyserver.com/docs/caddyfile)", () => {
    expect(releaseFiles({ ...RELEASE, https: { ...HTTPS, email: "ops@example.com" } }).Caddyfile).toBe("{\n\temail ops@example.com\n}\n\nshop.example.com {\n\treverse_proxy web:8080\n}\n");
  });

  it("writes no global options without an ACME e-mail", () => {
    expect(releaseFiles({ ...RELEASE, https: HTTPS }).Caddyfile).toBe("shop.example.com {\n\treverse_proxy web:8080\n}\n");
  });

  it("gives Caddy the domain as its only site address, so port 80 serves ACME challenges and redirects to HTTPS, never the app", () => {
    const caddy = releaseFiles({ ...RELEASE, https: { ...HTTPS, email: "ops@example.com" } }).Caddyfile;
    // Site addresses start a line at the top level; the global options block is the one without an address.
    const siteAddresses = caddy.split("\n").filter((line) => /^\S.*\{$/.test(line) && line !== "{").map((line) => line.slice(0, -1).trim());
    expect(siteAddresses).toEqual(["shop.example.com"]);
  });

  it("leaves empty files to the document's default", () => {
    const files = releaseFiles(RELEASE);
    expect(Object.keys(releaseParameters(files, { web: "repo@sha256:x" })).sort()).toEqual(["compose", "images", "settings"]);
  });
});

describe("deploy document", () => {
  // Built inside each test, so that mutation testing attributes its code to the tests that read it.
  const deployment = () => JSON.parse(deployDocument("shop-dev", 180));

  it("is a schema 2.2 shell document allowing only base64 release files and plain service=reference pairs for the images", () => {
    const document = deployment();
    expect(document.parameters).toEqual({
      images: expect.objectContaining({
        type: "String",
        allowedPattern: "^[a-z][a-z0-9-]{0,19}=[A-Za-z0-9][A-Za-z0-9._/:@-]{0,1023}( [a-z][a-z0-9-]{0,19}=[A-Za-z0-9][A-Za-z0-9._/:@-]{0,1023})*$",
      }),
      compose: expect.objectContaining({ type: "String", default: "", allowedPattern: "^[A-Za-z0-9+/]*={0,2}$" }),
      settings: expect.objectContaining({ allowedPattern: "^[A-Za-z0-9+/]*={0,2}$" }),
      secrets: expect.objectContaining({ allowedPattern: "^[A-Za-z0-9+/]*={0,2}$" }),
      caddyfile: expect.objectContaining({ allowedPattern: "^[A-Za-z0-9+/]*={0,2}$" }),
    });
    expect([document.schemaVersion, document.mainSteps[0].action]).toEqual(["2.2", "aws:runShellScript"]);
  });

  it("gives the deploy step 1860 s with a 180 s update timeout: 900 for the bootstrap wait, 600 for the pull, 180 each for an update and a rollback", () => {
    expect(deployment().mainSteps[0].inputs.timeoutSeconds).toBe("1860");
  });

  it("describes the document and each parameter, and names its one step deploy (SSM Command document schema 2.2)", () => {
    const document = deployment();
    expect([document.description, document.mainSteps.length, document.mainSteps[0].name]).toEqual([
      "berth: deploy a release of shop-dev to its host, and roll back to the last healthy release if the new one fails its health check",
      1,
      "deploy",
    ]);
    expect(Object.entries(document.parameters).map(([name, p]) => `${name}: ${(p as { description: string }).description}`)).toEqual([
      "images: <service>=<image reference, pinned by digest> of each of the app's services, separated by spaces",
      "compose: compose.yaml of the release, base64-encoded",
      "settings: release.conf of the release, base64-encoded",
      "secrets: secrets.refs of the release, base64-encoded",
      "caddyfile: Caddyfile of the release, base64-encoded",
    ]);
  });

  it("runs exactly these commands: strict sh, the bootstrap wait, each script installed executable, the release written to a temporary folder removed on exit, then berth-update", () => {
    const install = (name: string) => [expect.stringMatching(new RegExp(`^printf '%s' '[A-Za-z0-9+/]+={0,2}' \\| base64 -d >/usr/local/sbin/${name}\\.next$`)), `chmod 0755 /usr/local/sbin/${name}.next`, `mv -f /usr/local/sbin/${name}.next /usr/local/sbin/${name}`];
    expect(deployCommands()).toEqual([
      "#!/bin/sh",
      "set -eu",
      "waited=0",
      "until [ -e /var/lib/berth/bootstrapped ]; do",
      "  if [ -e /var/lib/berth/bootstrap-failed ]; then cat /var/lib/berth/bootstrap-failed; exit 1; fi",
      '  if [ "$waited" -ge 900 ]; then echo "the host\'s bootstrap did not finish within 900 s; see /var/log/cloud-init-output.log"; exit 1; fi',
      "  sleep 5",
      "  waited=$((waited + 5))",
      "done",
      ...install("berth-update"),
      ...install("berth-compose"),
      ...install("berth-secrets"),
      "mkdir -p /var/lib/berth/incoming",
      "release=$(mktemp -d /var/lib/berth/incoming/release.XXXXXX)",
      "trap 'rm -rf \"$release\"' EXIT",
      "printf '%s' '{{ compose }}' | base64 -d >\"$release/compose.yaml\"",
      "printf '%s' '{{ settings }}' | base64 -d >\"$release/release.conf\"",
      "printf '%s' '{{ secrets }}' | base64 -d >\"$release/secrets.refs\"",
      "printf '%s' '{{ caddyfile }}' | base64 -d >\"$release/Caddyfile\"",
      "printf '%s\\n' '{{ images }}' | tr ' ' '\\n' >\"$release/images\"",
      '/usr/local/sbin/berth-update "$release"',
    ]);
  });

  it("installs each release script as the text it carries, base64-decoded", () => {
    const installed = deployCommands()
      .map((c) => /^printf '%s' '([A-Za-z0-9+/=]+)' \| base64 -d >\/usr\/local\/sbin\/(berth-[a-z]+)\.next$/.exec(c))
      .filter((m) => m !== null)
      .map((m) => [m[2], Buffer.from(m[1]!, "base64").toString()]);
    expect(Object.fromEntries(installed)).toEqual(DEPLOY_SCRIPTS);
    expect(installed.map(([name, text]) => `${name}: ${text!.split("\n")[0]}`)).toEqual(["berth-update: #!/bin/bash", "berth-compose: #!/bin/bash", "berth-secrets: #!/bin/bash"]);
  });

  it("substitutes parameters only inside single quotes", () => {
    expect(deployCommands().filter((c) => c.includes("{{")).every((c) => /'\{\{ \w+ \}\}'/.test(c))).toBe(true);
  });
});

describe("user data", () => {
  const input = { region: "eu-west-1", logGroupName: "/berth/shop-dev/ec2", dataVolumeId: "vol-0123456789abcdef0", composeVersion: "v2.39.4", composeSha256: "" };

  // Terraform reads "${" and "%{" in a string as template syntax; "$${" and "%%{" are the literal
  // characters (Terraform language docs, "Strings and Templates": escape sequences).
  it("leaves no unescaped ${ or %{ for Terraform to interpolate", () => {
    expect(userData(input).match(/(?<![$%])[$%]\{/g)).toBeNull();
  });

  it("writes the shell's ${BERTH_HOME:=/var/lib/berth} as $${BERTH_HOME:=/var/lib/berth}", () => {
    expect(userData(input)).toContain('"$${BERTH_HOME:=/var/lib/berth}"');
  });

  it("is under 12288 bytes, leaving room under EC2's 16 KB user-data limit (EC2 User Guide, user-data.html)", () => {
    expect(Buffer.byteLength(cloudConfig(input))).toBeLessThan(12288);
  });

  it("writes Docker's daemon settings after the packages, so installing Docker cannot replace them", () => {
    const config = parse(cloudConfig(input).replace(/^#cloud-config\n/, "")) as { write_files: { path: string; defer?: boolean }[] };
    expect(config.write_files.filter((f) => f.defer).map((f) => f.path)).toEqual(["/etc/docker/daemon.json"]);
  });
});
