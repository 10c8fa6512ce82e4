import type * as z from "zod";
import { architectureOf, instanceFamily, platformOf } from "../../../constructs/ec2-host/architecture";
import { PROXY_SERVICE, PROXY_VOLUMES } from "../../../constructs/ec2-host/compose";
import { RELEASE_PARAMETERS_LIMIT_BYTES } from "../../../constructs/limits/spanning";
import { DEFAULT_PROXY_IMAGE, DEFAULT_STOP_GRACE_PERIOD_SECONDS, HOST_HTTP_PORT } from "../../../constructs/ec2-host/props";
import { encodedReleaseBytes, releaseFiles } from "../../../constructs/ec2-host/release";
import { PROXY_PORTS, RESERVED_SECRET_NAME, SSH_PORT } from "../../../constructs/ec2-host/resolve";
import { formatPath, issue } from "../../spec/issue";
import { publicAndOthers } from "../../public-service";
import type { ResolvedConfig, ResolvedService } from "../../spec/resolve";
import type { BerthConfig } from "../../spec/schema";

/**
 * EC2 host checks that need several fields, or a default, reported at the spec field to change, so
 * that a valid spec never reaches an Ec2Host guard. Only called when targets includes "ec2".
 * Without HTTPS the app is published on port 80 only; with it, its port is bound on the host's
 * loopback (see the port checks).
 */
export function checkEc2(spec: BerthConfig, r: ResolvedConfig, ctx: z.RefinementCtx): void {
  const e = r.ec2;
  const family = instanceFamily(e.instanceType) ?? "";
  const hostPlatform = platformOf(architectureOf(e.instanceType));
  if (family.startsWith("mac")) {
    issue(ctx, ["ec2", "instanceType"], 'is a Mac instance, which needs a dedicated host and macOS: choose a Linux type such as "t3.small" or "t4g.small"');
  } else if (hostPlatform !== r.image.platform) {
    const suggestion = r.image.platform === "linux/arm64" ? 'a Graviton type such as "t4g.small"' : 'an x86_64 type such as "t3.small"';
    issue(ctx, ["ec2", "instanceType"], `runs ${hostPlatform} but image.platform is "${r.image.platform}": choose ${suggestion}, or build the image for ${hostPlatform}`);
  }
  if (e.https && PROXY_PORTS.includes(r.port)) {
    issue(ctx, ["port"], `is taken on the host by the HTTPS proxy of ec2.https, which publishes ports 80 and 443: have the app listen on another port (e.g. 8080)`);
  }
  if (e.https && r.port === SSH_PORT) {
    issue(ctx, ["port"], "is sshd's port on the host (Amazon Linux starts sshd on 22; berth's bootstrap turns it off only later), and with ec2.https the app's port is published on the host's loopback: have the app listen on another port (e.g. 8080)");
  }
  for (const service of r.services) serviceOnHost(spec, r, service, ctx);
  if (e.updateTimeoutSeconds <= r.healthCheck.gracePeriodSeconds) {
    const path = spec.ec2?.updateTimeoutSeconds !== undefined ? ["ec2", "updateTimeoutSeconds"] : ["healthCheck", "gracePeriodSeconds"];
    issue(
      ctx,
      path,
      `leaves ec2.updateTimeoutSeconds (${e.updateTimeoutSeconds}) no longer than healthCheck.gracePeriodSeconds (${r.healthCheck.gracePeriodSeconds}): every update would roll back before the app could start; make updateTimeoutSeconds longer than the grace period`,
    );
  }
  if (!e.egress.some((rule) => rule.port === 443 && rule.protocol === "tcp")) {
    issue(ctx, ["ec2", "egress"], "must allow HTTPS (tcp 443): the host reaches ECR, SSM, Secrets Manager and CloudWatch Logs over it; add { port: 443, cidrBlocks: [\"0.0.0.0/0\"], description: \"HTTPS\" }");
  }
  releaseSizeCheck(r, ctx);
}

/** The checks of one service on the host; the public service's platform is checked against the instance type above. */
function serviceOnHost(spec: BerthConfig, r: ResolvedConfig, s: ResolvedService, ctx: z.RefinementCtx): void {
  const e = r.ec2;
  if (s.image.platform !== r.image.platform) {
    issue(ctx, [...s.path, "image", "platform"], `is "${s.image.platform}" but the ec2 target runs every service on one host, of ${r.image.platform} like ${r.image.name}'s image: build this image for ${r.image.platform}`);
  }
  if (e.https && s.name === PROXY_SERVICE) {
    issue(ctx, s.path, `names a service "${PROXY_SERVICE}", the name of the ec2 target's HTTPS proxy (ec2.https) in the host's compose project: rename the service`);
  }
  if (e.https) {
    s.volumes.forEach((v, i) => {
      if ((PROXY_VOLUMES as readonly string[]).includes(v.name)) issue(ctx, [...s.path, "volumes", i, "name"], `is reserved on the ec2 target for the HTTPS proxy's certificates (${PROXY_VOLUMES.join(", ")}): choose another name`);
    });
  }
  for (const name of Object.keys(s.secrets)) {
    if (RESERVED_SECRET_NAME.test(name)) {
      issue(ctx, [...s.path, "secrets", name], `is reserved on the ec2 target: secrets are exported to docker compose, where ${name} would change how it runs; rename the variable`);
    }
  }
  const interval = s.containerHealthCheck?.intervalSeconds;
  if (interval !== undefined && e.updateTimeoutSeconds <= interval) {
    const path = spec.ec2?.updateTimeoutSeconds !== undefined ? ["ec2", "updateTimeoutSeconds"] : [...s.path, "containerHealthCheck", "intervalSeconds"];
    issue(
      ctx,
      path,
      `leaves ec2.updateTimeoutSeconds (${e.updateTimeoutSeconds}) no longer than ${formatPath([...s.path, "containerHealthCheck", "intervalSeconds"])} (${interval}): Docker runs the first check one interval after the container starts (Docker reference, HEALTHCHECK) and every update would roll back before it; make updateTimeoutSeconds longer than the interval`,
    );
  }
}

/** The release travels as SSM association parameters, which count toward the document's 64 KB. */
function releaseSizeCheck(r: ResolvedConfig, ctx: z.RefinementCtx): void {
  const e = r.ec2;
  const { publicService, otherServices } = publicAndOthers(r);
  const files = releaseFiles({
    serviceName: publicService.name,
    port: r.port,
    httpPort: HOST_HTTP_PORT,
    command: r.command,
    entrypoint: r.entrypoint,
    environment: r.environment,
    secrets: r.secrets,
    volumes: r.volumes,
    dependsOn: publicService.dependsOn,
    services: otherServices,
    stopGracePeriodSeconds: DEFAULT_STOP_GRACE_PERIOD_SECONDS,
    https: e.https,
    proxyImage: DEFAULT_PROXY_IMAGE,
    healthCheck: r.healthCheck,
    containerHealthCheck: r.containerHealthCheck,
    updateTimeoutSeconds: e.updateTimeoutSeconds,
  });
  const bytes = encodedReleaseBytes(files);
  if (bytes <= RELEASE_PARAMETERS_LIMIT_BYTES) return;
  // Reported at the largest environment or secrets map of any service: what there is to move.
  const largest = r.services
    .flatMap((s) => [
      { path: [...s.path, "environment"], bytes: JSON.stringify(s.environment).length },
      { path: [...s.path, "secrets"], bytes: JSON.stringify(s.secrets).length },
    ])
    .reduce((a, b) => (b.bytes > a.bytes ? b : a));
  issue(
    ctx,
    largest.path,
    `makes the ec2 target's release ${bytes} bytes base64-encoded (compose file, settings, secret references), more than the ${RELEASE_PARAMETERS_LIMIT_BYTES} that fit beside berth's deploy document in SSM's 64 KB (SSM CreateDocument quota); move large environment values into SSM parameters and list them under secrets`,
  );
}
