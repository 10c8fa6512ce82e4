import { errorOf } from "../../../helpers";
import { CERTIFICATE_ARN, alb, bothAccept, ec2Spec, host, network, repository, sameRule, service, specProblems } from "./support";

const fargate = (more: Record<string, unknown>) => ({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, ...more } });
const sidecar = (more: Record<string, unknown>) => ({ name: "agent", image: "public.ecr.aws/example/agent:1.0", ...more });
const scaling = { minCount: 1, maxCount: 4 };
const egress = (port: number) => [{ port, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" }];

type Case = [name: string, min: number, max: number, rule: string, spec: (v: number) => Record<string, unknown>, path: string, build: (v: number) => () => unknown, where: string];

/** Each range with the bounds its AWS document gives, written out; both sides of each bound are tried. */
const CASES: Case[] = [
  // terraform-provider-aws validation.IsPortNumber: 1-65535.
  ["port", 1, 65535, "must be a whole number from 1 to 65535", (v) => ec2Spec({ port: v }), "port", (v) => host({ port: v }), "stack/host: port"],
  ["egress port", 1, 65535, "must be a whole number from 1 to 65535", (v) => fargate({ egress: egress(v) }), "fargate.egress[0].port", (v) => service({ egress: egress(v) }), "stack/service: egress[0].port"],
  [
    "host egress port",
    1,
    65535,
    "must be a whole number from 1 to 65535",
    (v) => ec2Spec({ ec2: { egress: [...egress(443), ...egress(v)] } }),
    "ec2.egress[1].port",
    (v) => host({ egress: [...egress(443), ...egress(v)] }),
    "stack/host: egress[1].port",
  ],
  // ELB API Reference, CreateTargetGroup; TF lb_target_group doc: interval 5-300, timeout 2-120, thresholds 2-10.
  [
    "target group health check interval",
    5,
    300,
    "must be a whole number from 5 to 300 seconds",
    (v) => ({ healthCheck: { intervalSeconds: v, timeoutSeconds: 2 } }),
    "healthCheck.intervalSeconds",
    (v) => alb({ healthCheck: { path: "/", intervalSeconds: v, timeoutSeconds: 2 } }),
    "stack/alb: healthCheck.intervalSeconds",
  ],
  [
    "target group health check timeout",
    2,
    120,
    "must be a whole number from 2 to 120 seconds",
    (v) => ({ healthCheck: { intervalSeconds: 300, timeoutSeconds: v } }),
    "healthCheck.timeoutSeconds",
    (v) => alb({ healthCheck: { path: "/", intervalSeconds: 300, timeoutSeconds: v } }),
    "stack/alb: healthCheck.timeoutSeconds",
  ],
  ["healthy threshold", 2, 10, "must be a whole number from 2 to 10", (v) => ({ healthCheck: { healthyThreshold: v } }), "healthCheck.healthyThreshold", (v) => alb({ healthCheck: { path: "/", healthyThreshold: v } }), "stack/alb: healthCheck.healthyThreshold"],
  ["unhealthy threshold", 2, 10, "must be a whole number from 2 to 10", (v) => ({ healthCheck: { unhealthyThreshold: v } }), "healthCheck.unhealthyThreshold", (v) => alb({ healthCheck: { path: "/", unhealthyThreshold: v } }), "stack/alb: healthCheck.unhealthyThreshold"],
  // TF lb_target_group doc, deregistration_delay: 0-3600.
  ["deregistration delay", 0, 3600, "must be a whole number from 0 to 3600 seconds", (v) => fargate({ deregistrationDelaySeconds: v }), "fargate.deregistrationDelaySeconds", (v) => alb({ deregistrationDelaySeconds: v }), "stack/alb: deregistrationDelaySeconds"],
  // ELB User Guide, application-load-balancers.html, connection idle timeout: 1-4000.
  ["ALB idle timeout", 1, 4000, "must be a whole number from 1 to 4000 seconds", (v) => fargate({ idleTimeoutSeconds: v }), "fargate.idleTimeoutSeconds", (v) => alb({ idleTimeoutSeconds: v }), "stack/alb: idleTimeoutSeconds"],
  // ECS API Reference, EphemeralStorage: 21-200 GiB.
  ["ephemeral storage", 21, 200, "must be a whole number from 21 to 200 GiB", (v) => fargate({ ephemeralStorageGiB: v }), "fargate.ephemeralStorageGiB", (v) => service({ ephemeralStorageGiB: v }), "stack/service: ephemeralStorageGiB"],
  // ECS API Reference, ContainerDefinition stopTimeout: at most 120 s on Fargate (the minimum of 2 is berth's, UNCONFIRMED at AWS).
  ["stop timeout", 2, 120, "must be a whole number from 2 to 120 seconds", (v) => fargate({ stopTimeoutSeconds: v }), "fargate.stopTimeoutSeconds", (v) => service({ container: { stopTimeoutSeconds: v } }), "stack/service: container.stopTimeoutSeconds"],
  // EBS User Guide, gp3 volumes: 1-16384 GiB; the root volume at least the AL2023 AMI's 8 GiB.
  ["root volume", 8, 16384, "must be a whole number from 8 to 16384 GiB", (v) => ec2Spec({ ec2: { rootVolumeGiB: v } }), "ec2.rootVolumeGiB", (v) => host({ rootVolumeGiB: v }), "stack/host: rootVolumeGiB"],
  ["data volume", 1, 16384, "must be a whole number from 1 to 16384 GiB", (v) => ec2Spec({ ec2: { dataVolumeGiB: v } }), "ec2.dataVolumeGiB", (v) => host({ dataVolumeGiB: v }), "stack/host: dataVolumeGiB"],
  // EFS API Reference, PosixUser: Uid and Gid 0-4294967295.
  ["volume owner uid", 0, 4294967295, "must be a whole number from 0 to 4294967295", (v) => ec2Spec({ volumes: [{ name: "data", path: "/data", uid: v }] }), "volumes[0].uid", (v) => host({ volumes: [{ name: "data", path: "/data", uid: v }] }), "stack/host: volumes[0].uid"],
  ["volume owner gid", 0, 4294967295, "must be a whole number from 0 to 4294967295", (v) => ec2Spec({ volumes: [{ name: "data", path: "/data", gid: v }] }), "volumes[0].gid", (v) => host({ volumes: [{ name: "data", path: "/data", gid: v }] }), "stack/host: volumes[0].gid"],
  // ECS API Reference, CapacityProviderStrategyItem: weight 0-1000.
  ["capacity spot weight", 0, 1000, "must be a whole number from 0 to 1000", (v) => fargate({ capacity: { fargate: 1, spot: v } }), "fargate.capacity.spot", (v) => service({ capacity: { fargate: 1, spot: v } }), "stack/service: capacity.spot"],
  ["capacity weight", 0, 1000, "must be a whole number from 0 to 1000", (v) => fargate({ capacity: { fargate: v, spot: 1 } }), "fargate.capacity.fargate", (v) => service({ capacity: { fargate: v, spot: 1 } }), "stack/service: capacity.fargate"],
  // ECS API Reference, ContainerDefinition memory (Docker 20.10+ reserves 6 MiB); ECS Developer Guide, task size (at most 16384 CPU units, 120 GB).
  ["sidecar cpu", 0, 16384, "must be a whole number from 0 to 16384 CPU units", (v) => ({ cpu: 16384, memoryMiB: 32768, ...fargate({ sidecars: [sidecar({ cpu: v })] }) }), "fargate.sidecars[0].cpu", (v) => service({ cpu: 16384, memoryMiB: 32768, sidecars: [sidecar({ cpu: v })] }), "stack/service: sidecars[0].cpu"],
  // berth's own choices (constructs/limits/deployment.ts): desiredCount 0-1000; minHealthyPercent 0-100 and maxPercent 100-200 (the ECS API states no range, UNCONFIRMED); grace period at most an hour.
  ["desired count", 0, 1000, "must be a whole number from 0 to 1000", (v) => ({ desiredCount: v }), "desiredCount", (v) => service({ desiredCount: v }), "stack/service: desiredCount"],
  ["minimum healthy percent", 0, 100, "must be a whole number from 0 to 100 percent", (v) => fargate({ minHealthyPercent: v }), "fargate.minHealthyPercent", (v) => service({ minHealthyPercent: v }), "stack/service: minHealthyPercent"],
  ["maximum percent", 100, 200, "must be a whole number from 100 to 200 percent", (v) => fargate({ maxPercent: v, minHealthyPercent: 0 }), "fargate.maxPercent", (v) => service({ maxPercent: v, minHealthyPercent: 0 }), "stack/service: maxPercent"],
  ["service grace period", 0, 3600, "must be a whole number from 0 to 3600 seconds", (v) => ({ healthCheck: { gracePeriodSeconds: v } }), "healthCheck.gracePeriodSeconds", (v) => service({ healthCheckGracePeriodSeconds: v }), "stack/service: healthCheckGracePeriodSeconds"],
  // berth's own choices (constructs/limits/autoscaling.ts); Application Auto Scaling allows far more.
  ["autoscaling cpuPercent", 10, 95, "must be a whole number from 10 to 95 percent", (v) => fargate({ autoscaling: { ...scaling, cpuPercent: v } }), "fargate.autoscaling.cpuPercent", (v) => service({ autoscaling: { ...scaling, cpuPercent: v } }), "stack/service/autoscaling: cpuPercent"],
  ["autoscaling memoryPercent", 10, 95, "must be a whole number from 10 to 95 percent", (v) => fargate({ autoscaling: { ...scaling, memoryPercent: v } }), "fargate.autoscaling.memoryPercent", (v) => service({ autoscaling: { ...scaling, memoryPercent: v } }), "stack/service/autoscaling: memoryPercent"],
  ["autoscaling requestsPerTarget", 1, 100000, "must be a whole number from 1 to 100000", (v) => fargate({ autoscaling: { ...scaling, requestsPerTarget: v } }), "fargate.autoscaling.requestsPerTarget", (v) => service({ autoscaling: { ...scaling, requestsPerTarget: v } }), "stack/service/autoscaling: requestsPerTarget"],
  ["autoscaling scale-in cooldown", 0, 3600, "must be a whole number from 0 to 3600 seconds", (v) => fargate({ autoscaling: { ...scaling, scaleInCooldownSeconds: v } }), "fargate.autoscaling.scaleInCooldownSeconds", (v) => service({ autoscaling: { ...scaling, scaleInCooldownSeconds: v } }), "stack/service/autoscaling: scaleInCooldownSeconds"],
  ["autoscaling scale-out cooldown", 0, 3600, "must be a whole number from 0 to 3600 seconds", (v) => fargate({ autoscaling: { ...scaling, scaleOutCooldownSeconds: v } }), "fargate.autoscaling.scaleOutCooldownSeconds", (v) => service({ autoscaling: { ...scaling, scaleOutCooldownSeconds: v } }), "stack/service/autoscaling: scaleOutCooldownSeconds"],
  // berth's own choices (constructs/limits/registry.ts): ECR's countNumber is any positive integer; 3650 days resolved the drift (the spec had 365).
  ["untagged image expiry", 1, 3650, "must be a whole number from 1 to 3650 days", (v) => ({ registry: { untaggedExpiryDays: v } }), "registry.untaggedExpiryDays", (v) => repository({ untaggedExpiryDays: v }), "stack/repository: untaggedExpiryDays"],
  ["images kept", 1, 10000, "must be a whole number from 1 to 10000", (v) => ({ registry: { keepImages: v } }), "registry.keepImages", (v) => repository({ keepImages: v }), "stack/repository: keepImages"],
  // berth's own choice (constructs/limits/network.ts): at most 6 AZs in a VPC cut into 16 slices.
  ["AZ count", 1, 6, "must be a whole number from 1 to 6", (v) => ({ targets: ["ec2"], fargate: undefined, network: { azCount: v } }), "network.azCount", (v) => network({ azCount: v }), "stack/network: azCount"],
  // berth's own choices (constructs/limits/host.ts): update timeout 30-3600 s (the construct had 10).
  ["host update timeout", 30, 3600, "must be a whole number from 30 to 3600 seconds", (v) => ec2Spec({ healthCheck: { gracePeriodSeconds: 0 }, ec2: { updateTimeoutSeconds: v } }), "ec2.updateTimeoutSeconds", (v) => host({ healthCheck: { gracePeriodSeconds: 0 }, updateTimeoutSeconds: v }), "stack/host: updateTimeoutSeconds"],
];

describe.each(CASES)("%s gets the same rule in the spec and the construct", (_name, min, max, rule, spec, path, build, where) => {
  it.each([min - 1, max + 1])("refuses %d", (value) => sameRule(spec(value), path, build(value), where, value, rule));
  it.each([min, max])("accepts %d", (value) => bothAccept(spec(value), build(value)));
});

// ECS API Reference, HealthCheck: timeout 2-60 s, startPeriod 0-300 s. The spec's healthCheck fields
// feed a container health check too; the spec then says ECS's rule for them.
describe("container health check ranges get the same rule", () => {
  const withAppCheck = (healthCheck: Record<string, number>) => ({ healthCheck, ...fargate({ containerHealthCheck: ["CMD", "/ready"] }) });
  const check = { command: ["CMD", "/ready"], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 };

  it("timeout 61: healthCheck.timeoutSeconds and FargateService container.healthCheck.timeoutSeconds", () => {
    const rule = "must be a whole number from 2 to 60 seconds";
    expect(specProblems(withAppCheck({ intervalSeconds: 62, timeoutSeconds: 61 }))).toEqual([expect.stringContaining(`healthCheck.timeoutSeconds: is also the timeout of the container health check of fargate.containerHealthCheck, which ECS says ${rule} (`)]);
    expect(errorOf(service({ container: { healthCheck: { ...check, intervalSeconds: 62, timeoutSeconds: 61 } } }))).toMatch(new RegExp(`^stack/service: container\\.healthCheck\\.timeoutSeconds ${rule}, got 61: `));
  });

  it("start period 301: healthCheck.gracePeriodSeconds and FargateService container.healthCheck.startPeriodSeconds", () => {
    const rule = "must be a whole number from 0 to 300 seconds";
    expect(specProblems(withAppCheck({ gracePeriodSeconds: 301 }))).toEqual([expect.stringContaining(`healthCheck.gracePeriodSeconds: is also the start period of the container health check of fargate.containerHealthCheck, which ECS says ${rule} (`)]);
    expect(errorOf(service({ container: { healthCheck: { ...check, startPeriodSeconds: 301 } } }))).toMatch(new RegExp(`^stack/service: container\\.healthCheck\\.startPeriodSeconds ${rule}, got 301: `));
  });

  it("timeout 60 and start period 300 are accepted on both sides", () => {
    bothAccept(withAppCheck({ intervalSeconds: 61, timeoutSeconds: 60, gracePeriodSeconds: 300 }), service({ container: { healthCheck: { ...check, intervalSeconds: 61, timeoutSeconds: 60, startPeriodSeconds: 300 } } }));
  });
});

// ECS Developer Guide, task size: at most 16384 CPU units and 120 GB (122880 MiB); the minimum 128 is
// berth's own. The construct checks the exact Fargate task size instead, so only the spec says this rule.
describe("the task's cpu and memoryMiB ranges in the spec", () => {
  it.each([
    ["cpu", 127, "cpu: must be a whole number from 128 to 16384 CPU units (got 127)"],
    ["cpu", 16385, "cpu: must be a whole number from 128 to 16384 CPU units (got 16385)"],
    ["memoryMiB", 127, "memoryMiB: must be a whole number from 128 to 122880 MiB (got 127)"],
    ["memoryMiB", 122881, "memoryMiB: must be a whole number from 128 to 122880 MiB (got 122881)"],
  ])("refuses %s %d", (field, value, problem) => expect(specProblems(ec2Spec({ [field]: value }))).toEqual([problem]));

  it.each([
    ["cpu", 128],
    ["cpu", 16384],
    ["memoryMiB", 128],
    ["memoryMiB", 122880],
  ])("accepts %s %d", (field, value) => expect(specProblems(ec2Spec({ [field]: value }))).toEqual([]));
});

// ECS API Reference, ContainerDefinition memory: Docker 20.10+ reserves 6 MiB; ECS Developer Guide, task size: at most 120 GB.
// 122880 MiB is within the range but leaves the app nothing, which the spec's spanning check says instead.
describe("sidecar memory gets the same rule in the spec and the construct", () => {
  const spec = (v: number) => ({ cpu: 16384, memoryMiB: 122880, ...fargate({ sidecars: [sidecar({ memoryMiB: v })] }) });
  const build = (v: number) => service({ cpu: 16384, memoryMiB: 122880, sidecars: [sidecar({ memoryMiB: v })] });
  it.each([5, 122881])("refuses %d", (v) => sameRule(spec(v), "fargate.sidecars[0].memoryMiB", build(v), "stack/service: sidecars[0].memoryMiB", v, "must be a whole number from 6 to 122880 MiB"));
  it("accepts 6", () => bothAccept(spec(6), build(6)));
  it("refuses 122880 only for leaving the app container nothing, not for its range", () => {
    expect(specProblems(spec(122880))).toEqual([expect.stringMatching(/^fargate\.sidecars: reserve 122880 MiB together, leaving nothing of the task's 122880 MiB/)]);
  });
});

// berth's own choice (constructs/limits/autoscaling.ts): 1-1000 tasks. Past a bound the spec also says minCount exceeds maxCount.
describe("autoscaling minCount and maxCount get the same rule in the spec and the construct", () => {
  const rule = "must be a whole number from 1 to 1000";
  it("refuses minCount 0", () => sameRule(fargate({ autoscaling: { minCount: 0, maxCount: 1000 } }), "fargate.autoscaling.minCount", service({ autoscaling: { minCount: 0, maxCount: 1000 } }), "stack/service/autoscaling: minCount", 0, rule));
  it("refuses maxCount 1001", () => sameRule(fargate({ autoscaling: { minCount: 1, maxCount: 1001 } }), "fargate.autoscaling.maxCount", service({ autoscaling: { minCount: 1, maxCount: 1001 } }), "stack/service/autoscaling: maxCount", 1001, rule));
  it("refuses minCount 1001 (and says it exceeds maxCount 1000)", () => {
    expect(specProblems(fargate({ autoscaling: { minCount: 1001, maxCount: 1000 } }))).toEqual([`fargate.autoscaling.minCount: ${rule} (got 1001)`, "fargate.autoscaling.minCount: minCount must not exceed maxCount (got 1001)"]);
    expect(errorOf(service({ autoscaling: { minCount: 1001, maxCount: 1000 } }))).toBe(`stack/service/autoscaling: minCount ${rule}, got 1001`);
  });
  it("refuses maxCount 0 (and says minCount 1 exceeds it)", () => {
    expect(specProblems(fargate({ autoscaling: { minCount: 1, maxCount: 0 } }))).toEqual([`fargate.autoscaling.maxCount: ${rule} (got 0)`, "fargate.autoscaling.minCount: minCount must not exceed maxCount (got 1)"]);
    expect(errorOf(service({ autoscaling: { minCount: 1, maxCount: 0 } }))).toBe(`stack/service/autoscaling: maxCount ${rule}, got 0`);
  });
  it("accepts 1 to 1000", () => bothAccept(fargate({ autoscaling: { minCount: 1, maxCount: 1000 } }), service({ autoscaling: { minCount: 1, maxCount: 1000 } })));
});

// berth's own choice (constructs/limits/deployment.ts): the host's grace period 0-3600 s, as the service's.
describe("Ec2Host healthCheck.gracePeriodSeconds range", () => {
  it.each([-1, 3601])("refuses %d", (v) => expect(errorOf(host({ healthCheck: { gracePeriodSeconds: v }, updateTimeoutSeconds: 3600 }))).toBe(`stack/host: healthCheck.gracePeriodSeconds must be a whole number from 0 to 3600 seconds, got ${v}`));
  it.each([0, 3599])("accepts %d", (v) => expect(host({ healthCheck: { gracePeriodSeconds: v }, updateTimeoutSeconds: 3600 })).not.toThrow());
});

type ConstructCase = [name: string, min: number, max: number, build: (v: number) => () => unknown, message: (v: number) => string];

/**
 * Ranges only the construct has: the spec feeds these fields with stricter AWS ranges (the target
 * group's) or berth's defaults. berth's own choices, constructs/limits/host.ts: the host's probe
 * is curl on the host, not a load balancer.
 */
const CONSTRUCT_CASES: ConstructCase[] = [
  ["host probe interval", 1, 300, (v) => host({ healthCheck: { intervalSeconds: v, timeoutSeconds: 1 } }), (v) => `stack/host: healthCheck.intervalSeconds must be a whole number from 1 to 300 seconds, got ${v}`],
  ["host probe timeout", 1, 120, (v) => host({ healthCheck: { intervalSeconds: 300, timeoutSeconds: v } }), (v) => `stack/host: healthCheck.timeoutSeconds must be a whole number from 1 to 120 seconds, got ${v}`],
  ["host probe healthy threshold", 1, 10, (v) => host({ healthCheck: { healthyThreshold: v } }), (v) => `stack/host: healthCheck.healthyThreshold must be a whole number from 1 to 10, got ${v}`],
  ["host stop grace period", 1, 3600, (v) => host({ stopGracePeriodSeconds: v }), (v) => `stack/host: stopGracePeriodSeconds must be a whole number from 1 to 3600 seconds, got ${v}`],
];

describe.each(CONSTRUCT_CASES)("%s (construct only)", (_name, min, max, build, message) => {
  it.each([min - 1, max + 1])("refuses %d", (value) => expect(errorOf(build(value))).toMatch(new RegExp(`^${message(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)));
  it.each([min, max])("accepts %d", (value) => expect(build(value)).not.toThrow());
});
