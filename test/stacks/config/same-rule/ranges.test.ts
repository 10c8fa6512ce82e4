import { errorOf } from "../../../helpers";
import { CERTIFICATE_ARN, alb, bothAccept, ec2Spec, host, sameRule, service, specProblems } from "./support";

const fargate = (more: Record<string, unknown>) => ({ fargate: { https: { certificateArn: CERTIFICATE_ARN }, ...more } });
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
