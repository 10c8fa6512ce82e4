import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { EcrImage } from "../../../constructs/ecr-image";
import { ValidationError } from "../../../constructs/errors";
import { FargateService, type ContainerHealthCheck } from "../../../constructs/fargate-service";
import { LoadBalancer, type HttpsMode } from "../../../constructs/load-balancer";
import { Network } from "../../../constructs/network";
import { BerthStack } from "../../berth-stack";
import type { ResolvedConfig } from "../../spec/resolve";
import type { ResolvedHttps } from "./resolve";
import { requireBuild, type ImageBuilds } from "../../images";
import { repositoryName, stackName } from "../../naming";

/** The app as an ECS Fargate service behind an Application Load Balancer (target "fargate"). */
export class FargateStack extends BerthStack {
  /** Lines for the synth summary (e.g. that the service serves plain HTTP). */
  readonly notes: string[] = [];

  constructor(scope: Construct, config: ResolvedConfig, builds: ImageBuilds) {
    const id = stackName(config, "fargate");
    super(scope, id, config);
    const name = `${config.app}-${config.stage}`;
    const f = config.fargate;
    const net = this.network(config, name);

    const image = this.image(config, builds);
    const lb = new LoadBalancer(this, "alb", {
      name,
      vpcId: net.vpcId,
      subnetIds: f.internal ? net.privateSubnetIds : net.publicSubnetIds,
      subnetPrefixLength: net.subnetPrefixLength,
      https: httpsMode(f.https),
      targetPort: config.port,
      healthCheck: {
        path: config.healthCheck.path,
        healthyHttpCodes: f.healthyHttpCodes,
        intervalSeconds: config.healthCheck.intervalSeconds,
        timeoutSeconds: config.healthCheck.timeoutSeconds,
        healthyThreshold: config.healthCheck.healthyThreshold,
        unhealthyThreshold: config.healthCheck.unhealthyThreshold,
      },
      internal: f.internal,
      ingressCidrs: f.ingressCidrs,
      idleTimeoutSeconds: f.idleTimeoutSeconds,
      deletionProtection: f.deletionProtection,
      deregistrationDelaySeconds: f.deregistrationDelaySeconds,
      accessLogsBucket: f.accessLogsBucket,
    });

    const service = new FargateService(this, "service", {
      name,
      region: config.region,
      vpcId: net.vpcId,
      subnetIds: net.privateSubnetIds,
      clusterName: f.clusterName,
      cpu: config.cpu,
      memoryMiB: config.memoryMiB,
      architecture: config.image.platform === "linux/arm64" ? "ARM64" : "X86_64",
      ephemeralStorageGiB: f.ephemeralStorageGiB,
      container: {
        name: config.image.name,
        image: image.reference,
        command: config.command,
        entrypoint: config.entrypoint,
        environment: config.environment,
        secrets: config.secrets,
        user: f.user,
        readonlyRootFilesystem: f.readonlyRootFilesystem,
        writablePaths: f.writablePaths,
        stopTimeoutSeconds: f.stopTimeoutSeconds,
        healthCheck: config.containerHealthCheck ?? (f.containerHealthCheck && containerHealthCheck(f.containerHealthCheck, config)),
      },
      sidecars: f.sidecars.map((s) => ({
        ...s,
        healthCheck: s.healthCheck && containerHealthCheck(s.healthCheck, config),
      })),
      repositoryArns: image.repositoryArn ? [image.repositoryArn] : [],
      logRetentionDays: config.logRetentionDays,
      desiredCount: config.desiredCount,
      minHealthyPercent: f.minHealthyPercent,
      maxPercent: f.maxPercent,
      healthCheckGracePeriodSeconds: config.healthCheck.gracePeriodSeconds,
      waitForSteadyState: f.waitForSteadyState,
      ecsExec: f.ecsExec,
      capacity: f.capacity,
      loadBalancer: lb,
      egress: f.egress,
      taskRolePolicy: f.taskRolePolicy,
      volumes: config.volumes,
      autoscaling: f.autoscaling,
    });

    new TerraformOutput(this, "service_url", { value: lb.url });
    new TerraformOutput(this, "alb_dns_name", { value: lb.dnsName });
    new TerraformOutput(this, "cluster_name", { value: service.clusterName });
    new TerraformOutput(this, "service_name", { value: service.serviceName });
    new TerraformOutput(this, "log_group", { value: service.logGroupName });
    if (image.repositoryUrl) new TerraformOutput(this, "repository_url", { value: image.repositoryUrl });

    if (f.https.kind === "plainHttp") this.notes.push(`${id}: serves plain HTTP (fargate.plainHttp): no TLS; set fargate.https for production`);
  }

  private network(config: ResolvedConfig, name: string) {
    const n = config.network;
    if (n.kind === "existing") {
      if (n.privateSubnetIds.length === 0) {
        throw new ValidationError(this, "network.privateSubnetIds is empty: Fargate tasks run in private subnets; list them (with a NAT or VPC endpoints for image pulls)");
      }
      // Existing subnets: their sizes (and endpoints) are unknown at synth; see docs/fargate.md.
      return { vpcId: n.vpcId, publicSubnetIds: [...n.publicSubnetIds], privateSubnetIds: [...n.privateSubnetIds], subnetPrefixLength: undefined };
    }
    return new Network(this, "network", {
      // Suffixed: the ec2 target's VPC of the same app and stage has its own flow-log role and group.
      name: `${name}-fargate`,
      region: config.region,
      cidrBlock: n.cidrBlock,
      azCount: n.azCount,
      natGateways: n.natGateways,
      vpcEndpoints: n.vpcEndpoints,
      // Without NAT, ECS Exec sessions reach SSM only through this endpoint.
      ssmMessagesEndpoint: config.fargate.ecsExec,
      flowLogRetentionDays: config.logRetentionDays,
    });
  }

  private image(config: ResolvedConfig, builds: ImageBuilds): { reference: string; repositoryArn?: string; repositoryUrl?: string } {
    if (config.image.uri) return { reference: config.image.uri };
    const image = new EcrImage(this, "image", { repositoryName: repositoryName(config, config.image.name), ...requireBuild(builds, config.image.name) });
    return { reference: image.reference, repositoryArn: image.repositoryArn, repositoryUrl: image.repositoryUrl };
  }
}

/**
 * A container health check on the spec's health check timing. ECS's ranges are narrower than the
 * load balancer's (timeout ≤ 60 s, start period ≤ 300 s): the spec rejects values outside them
 * (fargateCrossChecks in stacks/targets/fargate/spec.ts) and FargateService checks again; never clamped.
 */
function containerHealthCheck(command: readonly string[], config: ResolvedConfig): ContainerHealthCheck {
  return {
    command,
    intervalSeconds: config.healthCheck.intervalSeconds,
    timeoutSeconds: config.healthCheck.timeoutSeconds,
    retries: config.healthCheck.unhealthyThreshold,
    startPeriodSeconds: config.healthCheck.gracePeriodSeconds,
  };
}

function httpsMode(https: ResolvedHttps): HttpsMode {
  switch (https.kind) {
    case "certificate":
      return { certificateArn: https.certificateArn };
    case "domain":
      return { domain: https.domain, hostedZoneId: https.hostedZoneId };
    case "plainHttp":
      return { plainHttp: true };
  }
}
