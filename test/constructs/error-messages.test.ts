import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../../constructs/errors";
import { settingsFile } from "../../constructs/ec2-host/text";
import { alb, host, repository, service } from "../stacks/spec/same-rule/support";
import { errorOf } from "../helpers";

/**
 * The wording of each construct guard, pinned in full: what was wrong, the value got, what is
 * allowed or what to do. Each test gives one minimal bad input.
 */

describe("FargateService refuses", () => {
  it('no subnets with "subnetIds must name at least one private subnet, got none"', () => {
    expect(errorOf(service({ subnetIds: [] }))).toBe("stack/service: subnetIds must name at least one private subnet, got none");
  });

  it("a relative writable path, naming container.writablePaths[0] and the value got", () => {
    expect(errorOf(service({ container: { writablePaths: ["tmp"] } }))).toBe(
      'stack/service: container.writablePaths[0] must be an absolute path inside the container (starting with "/"), got "tmp": write it from the container\'s root, e.g. "/tmp"',
    );
  });

  it("a relative volume path, naming volumes[0].path and the value got", () => {
    expect(errorOf(service({ volumes: [{ name: "data", path: "data" }] }))).toBe(
      'stack/service: volumes[0].path must be an absolute path inside the container (starting with "/"), got "data": write it from the container\'s root, e.g. "/data"',
    );
  });

  it("a volume uid of -1 with the EFS storage's path, the prop and the range 0-4294967295", () => {
    expect(errorOf(service({ volumes: [{ name: "data", path: "/data", uid: -1 }] }))).toBe('stack/service/efs: volumes[0].uid (volume "data") must be a whole number from 0 to 4294967295, got -1');
  });

  it("a volume gid of 1.5 with the EFS storage's path, the prop and the range 0-4294967295", () => {
    expect(errorOf(service({ volumes: [{ name: "data", path: "/data", gid: 1.5 }] }))).toBe('stack/service/efs: volumes[0].gid (volume "data") must be a whole number from 0 to 4294967295, got 1.5');
  });
});

describe("Ec2Host refuses", () => {
  it("user data over 16384 bytes (a 20006-character composeVersion) with the byte count and the limit", () => {
    expect(errorOf(host({ composeVersion: `v2.39.${"4".repeat(20000)}` }))).toBe(
      "stack/host: the user data takes 27946 bytes, more than the 16384 EC2 accepts: it holds the region, the log group, composeVersion and composeSha256, and only composeVersion has no length limit: give a docker/compose release tag like \"v2.39.4\"",
    );
  });

  it('a composeVersion without the "v" with the release tag format and the value got', () => {
    expect(errorOf(host({ composeVersion: "2.39.4" }))).toBe('stack/host: composeVersion must be a docker/compose release tag like "v2.39.4", got "2.39.4"');
  });

  it('no ingressCidrs with "ingressCidrs must name at least one source" and an example', () => {
    expect(errorOf(host({ ingressCidrs: [] }))).toBe('stack/host: ingressCidrs must name at least one source, e.g. ["0.0.0.0/0"] for a public site');
  });

  it('an egress rule without cidrBlocks with "egress[0].cidrBlocks must name at least one destination CIDR"', () => {
    expect(errorOf(host({ egress: [{ port: 443, cidrBlocks: [], description: "HTTPS" }] }))).toBe("stack/host: egress[0].cidrBlocks must name at least one destination CIDR");
  });

  it('proxyImage "caddy" with the image reference rule and the value got', () => {
    expect(errorOf(host({ https: { domain: "shop.example.com" }, proxyImage: "caddy" }))).toBe(
      'stack/host: proxyImage must be an image reference with a tag or a digest like "public.ecr.aws/nginx/nginx:1.27" or registry/name@sha256:<64 hex> (berth never deploys an implicit :latest), got "caddy"',
    );
  });
});

describe("settingsFile (the host's key=value files; an internal guard no prop reaches)", () => {
  it("refuses a value with a newline, naming the key and the value got", () => {
    expect(errorOf(() => settingsFile({ K: "a\nb" }))).toBe('setting K must be one line, got "a\\nb"');
  });
});

describe("LoadBalancer targetPort", () => {
  it("0 is refused with the range 1-65535 and the value got", () => {
    expect(errorOf(alb({ targetPort: 0 }))).toBe("stack/alb: targetPort must be a whole number from 1 to 65535, got 0");
  });

  it("65536 is refused with the range 1-65535 and the value got", () => {
    expect(errorOf(alb({ targetPort: 65536 }))).toBe("stack/alb: targetPort must be a whole number from 1 to 65535, got 65536");
  });

  it("1 is accepted", () => {
    expect(alb({ targetPort: 1 })).not.toThrow();
  });

  it("65535 is accepted", () => {
    expect(alb({ targetPort: 65535 })).not.toThrow();
  });
});

// ECR API Reference, CreateRepository: repositoryName is 2-256 characters.
describe("EcrRepository repositoryName", () => {
  it('"a" (1 character) is refused with the ECR name rule and the value got', () => {
    expect(errorOf(repository({ repositoryName: "a" }))).toBe(
      'stack/repository: repositoryName must be an ECR repository name: 2-256 lower case letters, digits and . _ - separators, with "/" between path segments (e.g. "shop-prod/web"), got "a"',
    );
  });

  it('"ab" (2 characters) is accepted', () => {
    expect(repository({ repositoryName: "ab" })).not.toThrow();
  });

  it("256 characters are accepted", () => {
    expect(repository({ repositoryName: "a".repeat(256) })).not.toThrow();
  });

  it("257 characters are refused with the ECR name rule and the value got", () => {
    expect(errorOf(repository({ repositoryName: "a".repeat(257) }))).toBe(
      'stack/repository: repositoryName must be an ECR repository name: 2-256 lower case letters, digits and . _ - separators, with "/" between path segments (e.g. "shop-prod/web"), got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
    );
  });
});

describe("ValidationError", () => {
  it("is named ValidationError and says the construct path first", () => {
    const app = Testing.app();
    const error = new ValidationError(new Construct(app, "stack"), "port must be a whole number from 1 to 65535, got 0");
    expect([error.name, error.message, error instanceof Error]).toEqual(["ValidationError", "stack: port must be a whole number from 1 to 65535, got 0", true]);
  });
});
