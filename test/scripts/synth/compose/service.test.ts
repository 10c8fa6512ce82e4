import { mapService } from "../../../../scripts/synth/compose/service";

const ENV_FILES: Record<string, Record<string, string>> = { "web.env": { LOG_LEVEL: "debug", PORT: "8080" }, "more.env": { PORT: "9090" } };
const context = { volumeNames: new Set(["data"]), readEnvFile: (path: string) => ENV_FILES[path] };
const map = (service: unknown) => mapService("web", service, context);
const problems = (service: unknown) => map(service).problems.map((p) => `${p.path.join(".")}: ${p.message}`);

describe("mapService maps", () => {
  it("a built service with every mapped key onto the berth service fields", () => {
    expect(
      map({
        build: { context: "./app", dockerfile: "Dockerfile.prod", target: "runtime", args: { NODE_ENV: "production" } },
        image: "shop-web:dev",
        platform: "linux/arm64",
        command: ["node", "server.js"],
        environment: { LOG_LEVEL: "info", WORKERS: 4, DEBUG: false },
        ports: ["80:8080"],
        volumes: ["data:/var/lib/data"],
        deploy: { replicas: 2, resources: { limits: { cpus: "0.5", memory: "1g" } } },
        restart: "unless-stopped",
        "x-note": "ignored, as compose ignores extensions",
      }),
    ).toEqual({
      service: {
        image: { context: "./app", dockerfile: "Dockerfile.prod", target: "runtime", buildArgs: { NODE_ENV: "production" }, platform: "linux/arm64" },
        command: ["node", "server.js"],
        environment: { LOG_LEVEL: "info", WORKERS: "4", DEBUG: "false" },
        port: 8080,
        expose: "public",
        volumes: [{ name: "data", path: "/var/lib/data" }],
        desiredCount: 2,
        cpu: 512,
        memoryMiB: 1024,
      },
      problems: [],
    });
  });

  it("build as a string to the context", () => {
    expect(map({ build: "." }).service).toEqual({ image: { context: "." } });
  });

  it("an image to an existing image's uri", () => {
    expect(map({ image: "public.ecr.aws/docker/library/postgres:17" }).service).toEqual({ image: { uri: "public.ecr.aws/docker/library/postgres:17" } });
  });

  it("build args in the list form", () => {
    expect(map({ build: { context: ".", args: ["A=1"] } }).service).toEqual({ image: { context: ".", buildArgs: { A: "1" } } });
  });

  it("a command string split into words", () => {
    expect(map({ image: "x:1", command: "npm run start" }).service.command).toEqual(["npm", "run", "start"]);
  });

  it("an entrypoint string split into words", () => {
    expect(map({ image: "x:1", entrypoint: "/bin/start --migrate" }).service.entrypoint).toEqual(["/bin/start", "--migrate"]);
  });

  it("an entrypoint list as it is", () => {
    expect(map({ image: "x:1", entrypoint: ["/bin/start", "a b"] }).service.entrypoint).toEqual(["/bin/start", "a b"]);
  });

  it("environment in the list form", () => {
    expect(map({ image: "x:1", environment: ["A=1", "B=x=y"] }).service.environment).toEqual({ A: "1", B: "x=y" });
  });

  it("env_file variables under environment, later files and then environment winning", () => {
    expect(map({ image: "x:1", env_file: ["web.env", "more.env"], environment: { LOG_LEVEL: "warn" } }).service.environment).toEqual({ LOG_LEVEL: "warn", PORT: "9090" });
  });

  it("a missing env_file marked required: false to nothing", () => {
    expect(map({ image: "x:1", env_file: [{ path: "local.env", required: false }] })).toEqual({ service: { image: { uri: "x:1" } }, problems: [] });
  });

  it("expose to an internal service on that port", () => {
    expect(map({ image: "x:1", expose: ["5432"] }).service).toEqual({ image: { uri: "x:1" }, port: 5432, expose: "internal" });
  });

  it("two ports entries of one container port to that port", () => {
    expect(map({ image: "x:1", ports: ["80:8080", "127.0.0.1:8080:8080"] }).service.port).toBe(8080);
  });

  it("a long-syntax named volume", () => {
    expect(map({ image: "x:1", volumes: [{ type: "volume", source: "data", target: "/data" }] }).service.volumes).toEqual([{ name: "data", path: "/data" }]);
  });

  it('a volume mounted ":rw"', () => {
    expect(map({ image: "x:1", volumes: ["data:/data:rw"] }).service.volumes).toEqual([{ name: "data", path: "/data" }]);
  });
});

describe("mapService refuses", () => {
  it("a host bind mount, saying to COPY the code into the image (the course's .:/app)", () => {
    expect(problems({ build: ".", volumes: [".:/app"] })).toEqual([
      'services.web.volumes.0: is a host bind mount (".:/app"): your machine\'s files are not on the server; COPY the code into the image (Dockerfile), and keep data in a named volume',
    ]);
  });

  it("a long-syntax bind mount", () => {
    expect(problems({ build: ".", volumes: [{ type: "bind", source: "/srv", target: "/srv" }] })).toEqual([
      'services.web.volumes.0: is a host bind mount ({"type":"bind","source":"/srv","target":"/srv"}): your machine\'s files are not on the server; COPY the code into the image (Dockerfile), and keep data in a named volume',
    ]);
  });

  it("a tmpfs mount", () => {
    expect(problems({ build: ".", volumes: [{ type: "tmpfs", target: "/tmp" }] })).toEqual(["services.web.volumes.0: is a tmpfs mount: berth mounts named volumes only"]);
  });

  it("an anonymous volume", () => {
    expect(problems({ build: ".", volumes: ["/var/lib/data"] })).toEqual([
      'services.web.volumes.0: is an anonymous volume ("/var/lib/data"): give it a name declared under the top-level volumes, e.g. "data:/var/lib/data"',
    ]);
  });

  it("a volume the top-level volumes do not declare", () => {
    expect(problems({ build: ".", volumes: ["cache:/cache"] })).toEqual(['services.web.volumes.0: names the volume "cache", which the top-level volumes do not declare: add cache: {} under volumes']);
  });

  it("a read-only volume", () => {
    expect(problems({ build: ".", volumes: ["data:/data:ro"] })).toEqual(["services.web.volumes.0: is mounted read-only: berth mounts named volumes read-write; remove the mode"]);
  });

  it("a long-syntax volume option berth does not map", () => {
    expect(problems({ build: ".", volumes: [{ type: "volume", source: "data", target: "/data", volume: { nocopy: true } }] })).toEqual([
      "services.web.volumes.0: sets volume, which berth does not map (type, source, target): remove it",
    ]);
  });

  it("an env_file entry's format, which berth does not map", () => {
    expect(problems({ build: ".", env_file: [{ path: "web.env", format: "raw" }] })).toEqual(["services.web.env_file.0: sets format, which berth does not map (path, required): remove it"]);
  });

  it("two container ports", () => {
    expect(problems({ build: ".", ports: ["8080", "9090"] })).toEqual(["services.web.ports: lists the container ports 8080, 9090: berth routes one port per service; keep the port the app serves on"]);
  });

  it("an empty ports list", () => {
    expect(problems({ build: ".", ports: [] })).toEqual(['services.web.ports: must be a list with the service\'s one port, e.g. ["8080"] (got [])']);
  });

  it("an environment variable without a value, in the list form", () => {
    expect(problems({ build: ".", environment: ["API_KEY"] })).toEqual([
      "services.web.environment.0: names API_KEY without a value, which compose reads from your shell; berth reads no shell variables at deploy: write API_KEY=<value>, or list it under secrets in berth.config.ts",
    ]);
  });

  it("an environment variable without a value, in the mapping form", () => {
    expect(problems({ build: ".", environment: { API_KEY: null } })).toEqual([
      "services.web.environment.API_KEY: has no value, which compose reads from your shell; berth reads no shell variables at deploy: write the value, or list it under secrets in berth.config.ts",
    ]);
  });

  it("an interpolated environment value", () => {
    expect(problems({ build: ".", environment: { DB_HOST: "${DB_HOST}" } })).toEqual([
      'services.web.environment.DB_HOST: interpolates a variable ("${DB_HOST}"): berth reads no shell or .env variables at deploy; write the value itself, or set it under environment or secrets in berth.config.ts',
    ]);
  });

  it("a missing env_file", () => {
    expect(problems({ build: ".", env_file: "local.env" })).toEqual([
      'services.web.env_file: names local.env, which does not exist (relative to the compose file): create it, or mark the entry { path: "local.env", required: false }',
    ]);
  });

  it("a service with neither image nor build", () => {
    expect(problems({ ports: ["8080"] })).toEqual(["services.web: has neither image nor build: give the image to run, or build: <context>"]);
  });

  it("a service that is not a mapping", () => {
    expect(problems("nginx")).toEqual(["services.web: must be a mapping of the service's keys (image or build, ports, environment, …)"]);
  });

  it("a build key berth does not map", () => {
    expect(problems({ build: { context: ".", cache_from: ["x"] } })).toEqual(["services.web.build.cache_from: is not a build key berth maps (context, dockerfile, target, args): remove it"]);
  });

  it("a deploy key berth does not map", () => {
    expect(problems({ build: ".", deploy: { mode: "global" } })).toEqual(["services.web.deploy.mode: is not a deploy key berth maps (replicas, resources.limits): remove it; berth's own deployment settings are in berth.config.ts"]);
  });

  it("resource reservations, pointing at limits", () => {
    expect(problems({ build: ".", deploy: { resources: { reservations: { cpus: "0.5" } } } })).toEqual([
      "services.web.deploy.resources.reservations: reserves, while berth sizes each service by its limits: give deploy.resources.limits instead",
    ]);
  });

  it("a limit berth does not map", () => {
    expect(problems({ build: ".", deploy: { resources: { limits: { pids: 100 } } } })).toEqual(["services.web.deploy.resources.limits.pids: is not a limit berth maps (cpus, memory): remove it"]);
  });

  it('restart "no", since berth always restarts a stopped service', () => {
    expect(problems({ build: ".", restart: "no" })).toEqual([
      'services.web.restart: is "no", but berth restarts a stopped service always (the host: unless-stopped; Fargate: a new task): write "unless-stopped", or remove it',
    ]);
  });

  it("a command list holding a number", () => {
    expect(problems({ build: ".", command: ["sleep", 5] })).toEqual(['services.web.command: must be a string or a list of strings (got ["sleep",5])']);
  });

  it("an entrypoint list holding a number", () => {
    expect(problems({ build: ".", entrypoint: ["sleep", 5] })).toEqual(['services.web.entrypoint: must be a string or a list of strings (got ["sleep",5])']);
  });

  it("a key compose has and berth does not know, pointing at docs/services.md", () => {
    expect(problems({ build: ".", stdin_open: true })).toEqual(["services.web.stdin_open: is not a key berth maps: remove it (docs/services.md lists the keys berth maps, and why not the others)"]);
  });

  it.each([
    ["privileged", "berth runs containers unprivileged (Fargate refuses privileged containers): remove it"],
    ["cap_add", "berth adds no Linux capabilities (Fargate allows only SYS_PTRACE): remove it"],
    ["devices", "a container on Fargate or berth's host has no host devices: remove it"],
    ["network_mode", "berth connects the app's services itself: remove it"],
    ["networks", "berth connects the app's services itself (they reach each other by service name): remove it"],
    ["links", "services reach each other by service name without links (links are a legacy compose feature): remove it"],
    ["external_links", "berth reaches no container outside the app: remove it"],
    ["container_name", "berth names the containers itself: remove it"],
    ["hostname", "berth names the containers itself: remove it"],
    ["pid", "berth shares no process namespace with the host: remove it"],
    ["ipc", "berth shares no IPC namespace with the host: remove it"],
    ["userns_mode", "berth sets no user namespace mode: remove it"],
    ["security_opt", "berth sets the containers' security options itself: remove it"],
    ["extra_hosts", "berth writes no /etc/hosts entries: use DNS names"],
    ["secrets", "compose secrets are files on your machine: list the variable under services.<name>.secrets in berth.config.ts with its SSM parameter or Secrets Manager ARN"],
    ["configs", "compose configs are files on your machine: COPY the file into the image"],
    ["labels", "berth sets no container labels: remove it"],
    ["logging", "berth sends the logs to CloudWatch Logs itself: remove it"],
    ["profiles", "berth deploys every service of the file: remove the profile, or the service"],
    ["scale", "use deploy.replicas"],
  ])("%s, saying why and what to do", (key, message) => {
    expect(problems({ build: ".", [key]: "x" })).toEqual([`services.web.${key}: ${message}`]);
  });
});
