import { containerPort, cpuUnits, durationSeconds, literalText, memoryMiB, shellWords } from "../../../../scripts/synth/compose/values";

// Compose Specification: "Interpolation" ($$ is a literal $), "ports" (short and long syntax),
// "Specifying byte values" (b, k/kb, m/mb, g/gb in powers of 1024), deploy.resources.limits.cpus.

describe("literalText (compose interpolation)", () => {
  it("reads $$ as a literal $", () => {
    expect(literalText("pa$$word")).toEqual({ value: "pa$word" });
  });

  it.each(["${DB_HOST}", "$DB_HOST", "x${A:-b}"])("refuses the variable in %s, since berth reads no shell variables", (text) => {
    expect(literalText(text)).toEqual({
      problem: `interpolates a variable (${JSON.stringify(text)}): berth reads no shell or .env variables at deploy; write the value itself, or set it under environment or secrets in berth.config.ts`,
    });
  });

  it("keeps a $ followed by a digit or at the end", () => {
    expect([literalText("cost $5"), literalText("x$")]).toEqual([{ value: "cost $5" }, { value: "x$" }]);
  });
});

describe("shellWords (the string form of command)", () => {
  it("splits on spaces and keeps quoted words whole", () => {
    expect(shellWords('node server.js --name "a b"')).toEqual({ value: ["node", "server.js", "--name", "a b"] });
  });

  it("keeps a literal $ written $$", () => {
    expect(shellWords("echo $$HOME")).toEqual({ value: ["echo", "$HOME"] });
  });

  it("refuses a shell operator, suggesting the sh -c list form", () => {
    expect(shellWords("migrate && serve")).toEqual({ problem: 'holds the shell operator "&&", but compose runs a command without a shell: write the list form, e.g. ["sh", "-c", "migrate && serve"]' });
  });

  it("refuses an empty command", () => {
    expect(shellWords("  ")).toEqual({ problem: "is empty: remove it to keep the image's CMD" });
  });
});

describe("containerPort (ports and expose entries)", () => {
  it.each([
    [8080, 8080],
    ["8080", 8080],
    ["80:8080", 8080],
    ["127.0.0.1:80:8080", 8080],
    ["8080/tcp", 8080],
    [{ target: 8080, published: 80 }, 8080],
    [{ target: "8080" }, 8080],
  ])("reads the container port of %j as %i", (entry, port) => {
    expect(containerPort(entry)).toEqual({ value: port });
  });

  it("accepts port 1 and port 65535 (TCP's port range)", () => {
    expect([containerPort(1), containerPort("65535")]).toEqual([{ value: 1 }, { value: 65535 }]);
  });

  it("refuses port 0 and port 65536", () => {
    expect([containerPort(0), containerPort("65536")]).toEqual([{ problem: "is not a port from 1 to 65535 (got 0)" }, { problem: 'is not a port from 1 to 65535 (got "65536")' }]);
  });

  it("refuses a UDP port", () => {
    expect(containerPort("53:53/udp")).toEqual({ problem: 'is a udp port ("53:53/udp"): the load balancer and the host\'s proxy carry TCP (HTTP) only' });
  });

  it("refuses a port range", () => {
    expect(containerPort("3000-3005")).toEqual({ problem: 'is a port range ("3000-3005"): give the one port the service listens on' });
  });

  it("refuses a long-syntax entry without a target", () => {
    expect(containerPort({ published: 80 })).toEqual({ problem: "has no target: give the container port, e.g. { target: 8080 }" });
  });

  it("refuses a word", () => {
    expect(containerPort("http")).toEqual({ problem: 'is not a port mapping like "8080" or "80:8080" (got "http")' });
  });
});

describe("memoryMiB (deploy.resources.limits.memory)", () => {
  it.each([
    ["512m", 512],
    ["512mb", 512],
    ["1g", 1024],
    ["1.5G", 1536],
    ["1048576k", 1024],
    [536870912, 512],
  ])("reads %j as %i MiB", (value, mib) => {
    expect(memoryMiB(value)).toEqual({ value: mib });
  });

  it("refuses a value that is not whole MiB", () => {
    expect(memoryMiB("100k")).toEqual({ problem: 'is 0.09765625 MiB (got "100k"): berth sizes memory in whole MiB; give e.g. "512m"' });
  });

  it("refuses an unknown unit", () => {
    expect(memoryMiB("1t")).toEqual({ problem: 'is not a byte value like "512m" or "1g" (got "1t")' });
  });
});

describe("cpuUnits (deploy.resources.limits.cpus)", () => {
  it.each([
    ["0.25", 256],
    ["0.5", 512],
    [1, 1024],
    ["2", 2048],
  ])("reads %j as %i CPU units", (value, units) => {
    expect(cpuUnits(value)).toEqual({ value: units });
  });

  it("refuses a share that is not whole CPU units", () => {
    expect(cpuUnits("0.3")).toEqual({ problem: 'is 307.2 CPU units (got "0.3"): berth sizes CPU in whole units of 1/1024 vCPU; give e.g. "0.25" or "0.5"' });
  });

  it("refuses 0 and a word", () => {
    expect([cpuUnits(0), cpuUnits("half")]).toEqual([{ problem: 'is not a number of CPUs like "0.5" or 1 (got 0)' }, { problem: 'is not a number of CPUs like "0.5" or 1 (got "half")' }]);
  });
});

// Compose Specification, "Specifying durations": units us, ms, s, m, h, combined like "1m30s".
describe("durationSeconds (healthcheck timing)", () => {
  it.each([
    ["30s", 30],
    ["1m30s", 90],
    ["1h", 3600],
    ["2000ms", 2],
    ["0s", 0],
  ])("reads %s as %d seconds", (text, seconds) => {
    expect(durationSeconds(text)).toEqual({ value: seconds });
  });

  it("refuses 1500ms, a fraction of a second, suggesting the rounded value", () => {
    expect(durationSeconds("1500ms")).toEqual({ problem: 'is 1.5 seconds (got "1500ms"): berth gives health check timing in whole seconds, as ECS takes it; round it, e.g. "2s"' });
  });

  it.each(["30", "30 s", "s", "1x", ""])("refuses %j, which has no unit or an unknown one", (text) => {
    expect(durationSeconds(text)).toEqual({ problem: `is not a duration like "30s" or "1m30s" (got ${JSON.stringify(text)})` });
  });
});
