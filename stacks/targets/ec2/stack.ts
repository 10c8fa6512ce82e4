import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { Ec2Host, type Ec2HostImage } from "../../../constructs/ec2-host";
import { Network } from "../../../constructs/network";
import { BerthStack } from "../../berth-stack";
import { publicAndOthers } from "../../public-service";
import type { ResolvedConfig, ResolvedImage } from "../../spec/resolve";
import { requireBuild, type ImageBuilds } from "../../images";
import { repositoryName, stackName } from "../../naming";

/**
 * The `ec2` target: one Docker host running every service of the app from its ECR repositories
 * (registry stack), in a public subnet of its own one-AZ VPC or of the spec's existing network.
 */
export class Ec2Stack extends BerthStack {
  readonly host: Ec2Host;

  constructor(scope: Construct, config: ResolvedConfig, builds: ImageBuilds) {
    super(scope, stackName(config, "ec2"), config);
    const name = `${config.app}-${config.stage}`;
    const network = config.network;
    // The public service is the host's published one; the others run beside it, published nowhere.
    const { publicService, otherServices } = publicAndOthers(config);
    const placement =
      network.kind === "existing"
        ? { vpcId: network.vpcId, subnetId: network.publicSubnetIds[0]! }
        : this.ownNetwork(config, name, network.cidrBlock);

    this.host = new Ec2Host(this, "host", {
      name,
      region: config.region,
      ...placement,
      image: hostImage(config, config.image, builds),
      serviceName: config.image.name,
      platform: config.image.platform,
      port: config.port,
      command: config.command,
      entrypoint: config.entrypoint,
      environment: config.environment,
      secrets: config.secrets,
      healthCheck: config.healthCheck,
      containerHealthCheck: config.containerHealthCheck,
      volumes: config.volumes,
      dependsOn: publicService.dependsOn,
      services: otherServices.map((s) => ({
        name: s.name,
        image: hostImage(config, s.image, builds),
        command: s.command,
        entrypoint: s.entrypoint,
        environment: s.environment,
        secrets: s.secrets,
        containerHealthCheck: s.containerHealthCheck,
        volumes: s.volumes,
        dependsOn: s.dependsOn,
        port: s.port,
        route: s.route,
        healthCheck: s.route && { path: s.healthCheck!.path, timeoutSeconds: s.healthCheck!.timeoutSeconds },
      })),
      instanceType: config.ec2.instanceType,
      rootVolumeGiB: config.ec2.rootVolumeGiB,
      dataVolumeGiB: config.ec2.dataVolumeGiB,
      protectDataVolume: config.ec2.protectDataVolume,
      ingressCidrs: config.ec2.ingressCidrs,
      egress: config.ec2.egress,
      https: config.ec2.https,
      elasticIp: config.ec2.elasticIp,
      terminationProtection: config.ec2.terminationProtection,
      detailedMonitoring: config.ec2.detailedMonitoring,
      containersUseInstanceRole: config.ec2.containersUseInstanceRole,
      logRetentionDays: config.logRetentionDays,
      updateTimeoutSeconds: config.ec2.updateTimeoutSeconds,
    });

    new TerraformOutput(this, "app_url", { value: this.host.appUrl, description: "URL of the app" });
    new TerraformOutput(this, "public_ip", { value: this.host.publicIp, description: "Public IP of the host" });
    new TerraformOutput(this, "public_dns", { value: this.host.publicDns, description: "Public DNS name of the host" });
    new TerraformOutput(this, "instance_id", { value: this.host.instanceId, description: "EC2 instance ID of the host" });
    new TerraformOutput(this, "ssm_session_command", {
      value: `aws ssm start-session --target ${this.host.instanceId} --region ${config.region}`,
      description: "A shell on the host through Session Manager (no SSH)",
    });
  }

  /** A one-AZ VPC with a public subnet only: a lone host needs neither private subnets nor NAT. */
  private ownNetwork(config: ResolvedConfig, name: string, cidrBlock: string): { vpcId: string; subnetId: string } {
    const network = new Network(this, "network", {
      name,
      region: config.region,
      cidrBlock,
      azCount: 1,
      privateSubnets: false,
      flowLogRetentionDays: config.logRetentionDays,
    });
    return { vpcId: network.vpcId, subnetId: network.publicSubnetIds[0]! };
  }
}

/** A built image by its published digest or its content tag; an image given by URI as is. */
function hostImage(config: ResolvedConfig, image: ResolvedImage, builds: ImageBuilds): Ec2HostImage {
  if (image.uri) return { uri: image.uri };
  return { ecrRepositoryName: repositoryName(config, image.name), ...requireBuild(builds, image.name) };
}
