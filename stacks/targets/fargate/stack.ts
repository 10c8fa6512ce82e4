import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { EcrImage } from "../../../constructs/ecr-image";
import { ValidationError } from "../../../constructs/errors";
import { FargateService, ServiceNamespace, type ContainerHealthCheck } from "../../../constructs/fargate-service";
import { LoadBalancer, type HttpsMode, type LoadBalancerEndpoint, type TargetHealthCheck } from "../../../constructs/load-balancer";
import { Network } from "../../../constructs/network";
import { BerthStack } from "../../berth-stack";
import { publicAndOthers } from "../../public-service";
import type { ResolvedConfig, ResolvedHealthCheck, ResolvedImage, ResolvedService } from "../../spec/resolve";
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

    const { publicService, otherServices } = publicAndOthers(config);
    // One service keeps the stack it always had; several find each other through Service Connect.
    const namespace = otherServices.length > 0 ? new ServiceNamespace(this, "namespace", { name }) : undefined;
    const serviceConnect = namespace && { namespaceArn: namespace.arn };
    const image = this.image(config, publicService.image, "image", builds);
    const lb = new LoadBalancer(this, "alb", {
      name,
      vpcId: net.vpcId,
      subnetIds: f.internal ? net.privateSubnetIds : net.publicSubnetIds,
      subnetPrefixLength: net.subnetPrefixLength,
      https: httpsMode(f.https),
      targetPort: config.port,
      healthCheck: targetHealthCheck(config.healthCheck, f.healthyHttpCodes),
      routes: otherServices.flatMap((s) =>
        s.route ? [{ name: s.name, pathPrefix: s.route.pathPrefix, host: s.route.host, priority: s.route.priority, targetPort: s.port!, healthCheck: targetHealthCheck(s.healthCheck!, f.healthyHttpCodes) }] : [],
      ),
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
      serviceConnect,
    });
    const services = new Map([[publicService.name, service], ...otherServices.map((s) => [s.name, this.otherService(config, s, service, serviceConnect, net, builds, s.route ? lb.routeTo(s.name) : undefined)] as const)]);
    // A service reaches the services it depends on, and starts after them (Service Connect resolves
    // only the endpoints that existed when a task started).
    for (const s of config.services) {
      for (const dependency of Object.keys(s.dependsOn)) {
        const server = services.get(dependency)!;
        const client = services.get(s.name)!;
        if (server.port !== undefined) server.allowFrom(client);
        client.startAfter(server);
      }
    }

    new TerraformOutput(this, "service_url", { value: lb.url });
    new TerraformOutput(this, "alb_dns_name", { value: lb.dnsName });
    new TerraformOutput(this, "cluster_name", { value: service.clusterName });
    new TerraformOutput(this, "service_name", { value: service.serviceName });
    new TerraformOutput(this, "log_group", { value: service.logGroupName });
    if (image.repositoryUrl) new TerraformOutput(this, "repository_url", { value: image.repositoryUrl });

    if (f.https.kind === "plainHttp") this.notes.push(`${id}: serves plain HTTP (fargate.plainHttp): no TLS; set fargate.https for production`);
  }

  private network(config: ResolvedConfig, name: string): ServiceNetwork {
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

  /** A built image by its published digest or its content tag (construct `id`); an image given by URI as is. */
  private image(config: ResolvedConfig, image: ResolvedImage, id: string, builds: ImageBuilds): { reference: string; repositoryArn?: string; repositoryUrl?: string } {
    if (image.uri) return { reference: image.uri };
    const ecr = new EcrImage(this, id, { repositoryName: repositoryName(config, image.name), ...requireBuild(builds, image.name) });
    return { reference: ecr.reference, repositoryArn: ecr.repositoryArn, repositoryUrl: ecr.repositoryUrl };
  }

  /**
   * A service other than the default public one, in its cluster, with the app-wide fargate settings:
   * a routed public service behind its route of the load balancer, any other behind none. One with a
   * volume runs one task, replaced stop-first (checks.ts).
   */
  private otherService(
    config: ResolvedConfig,
    s: ResolvedService,
    main: FargateService,
    serviceConnect: { namespaceArn: string } | undefined,
    net: ServiceNetwork,
    builds: ImageBuilds,
    route: LoadBalancerEndpoint | undefined,
  ): FargateService {
    const f = config.fargate;
    const image = this.image(config, s.image, `image-${s.name}`, builds);
    const stateful = s.volumes.length > 0;
    return new FargateService(this, `service-${s.name}`, {
      name: `${config.app}-${config.stage}-${s.name}`,
      region: config.region,
      vpcId: net.vpcId,
      subnetIds: net.privateSubnetIds,
      cluster: main.cluster,
      cpu: s.cpu,
      memoryMiB: s.memoryMiB,
      architecture: s.image.platform === "linux/arm64" ? "ARM64" : "X86_64",
      ephemeralStorageGiB: f.ephemeralStorageGiB,
      container: {
        name: s.name,
        image: image.reference,
        port: s.port,
        command: s.command,
        entrypoint: s.entrypoint,
        environment: s.environment,
        secrets: s.secrets,
        readonlyRootFilesystem: f.readonlyRootFilesystem,
        writablePaths: f.writablePaths,
        stopTimeoutSeconds: f.stopTimeoutSeconds,
        healthCheck: s.containerHealthCheck,
      },
      repositoryArns: image.repositoryArn ? [image.repositoryArn] : [],
      logRetentionDays: config.logRetentionDays,
      desiredCount: s.desiredCount,
      minHealthyPercent: stateful ? 0 : f.minHealthyPercent,
      maxPercent: stateful ? 100 : f.maxPercent,
      waitForSteadyState: f.waitForSteadyState,
      ecsExec: f.ecsExec,
      capacity: f.capacity,
      loadBalancer: route,
      healthCheckGracePeriodSeconds: route && s.healthCheck!.gracePeriodSeconds,
      egress: f.egress,
      taskRolePolicy: f.taskRolePolicy,
      volumes: s.volumes,
      serviceConnect,
    });
  }
}

/** Where the tasks run: the VPC, its subnets, and (for a VPC berth creates) the subnets' prefix length. */
interface ServiceNetwork {
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly subnetPrefixLength: number | undefined;
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

/** The spec's health check as the load balancer's target group takes it. */
function targetHealthCheck(h: ResolvedHealthCheck, healthyHttpCodes: string | undefined): TargetHealthCheck {
  return {
    path: h.path,
    healthyHttpCodes,
    intervalSeconds: h.intervalSeconds,
    timeoutSeconds: h.timeoutSeconds,
    healthyThreshold: h.healthyThreshold,
    unhealthyThreshold: h.unhealthyThreshold,
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
