import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { EipAssociation } from "@cdktf/provider-aws/lib/eip-association";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmAssociation } from "@cdktf/provider-aws/lib/ssm-association";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { VolumeAttachment } from "@cdktf/provider-aws/lib/volume-attachment";
import { DataResource, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { createHash } from "node:crypto";
import { EcrImage } from "../ecr-image";
import { ValidationError } from "../errors";
import { RELEASE_PARAMETERS_LIMIT_BYTES } from "../limits/spanning";
import { resourceAddress } from "../resource-address";
import { al2023AmiParameter } from "./architecture";
import { DATA_DEVICE_NAME, USER_DATA_LIMIT_BYTES, cloudConfig, userData } from "./cloud-init";
import { deployDocument, deployTimeoutSeconds } from "./deploy-document";
import { HostRole } from "./host-role";
import { HOST_HTTP_PORT, type Ec2HostProps } from "./props";
import { encodedReleaseBytes, releaseFiles, releaseParameters, type ReleaseFiles } from "./release";
import { resolveHostProps, type ResolvedHostProps } from "./resolve";
import { terraformLiteral } from "./text";

/** Host port of plain HTTP. */
const ANYWHERE = "0.0.0.0/0";
/** Seconds `terraform apply` allows the agent to pick up a new association, on top of the document's own timeout. */
const ASSOCIATION_PICKUP_SECONDS = 300;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * One EC2 Docker host running an app's containers with docker compose: Amazon Linux 2023, IMDSv2,
 * encrypted disks, no key pair and no SSH (Session Manager only), Docker named volumes on a separate
 * data volume that outlives the instance, and releases (image digest, compose file, settings) deployed
 * in place by an SSM association that rolls back to the last healthy release when a new one fails.
 */
export class Ec2Host extends Construct {
  readonly instanceId: string;
  readonly publicIp: string;
  readonly publicDns: string;
  /** `https://<domain>` with HTTPS, else `http://<public DNS name>`. */
  readonly appUrl: string;
  readonly roleArn: string;
  readonly securityGroupId: string;
  readonly dataVolumeId: string;
  readonly logGroupName: string;
  /** The public service's image reference deployed (a Terraform reference when pinned at plan time). */
  readonly imageReference: string;

  constructor(scope: Construct, id: string, props: Ec2HostProps) {
    super(scope, id);
    const p = resolveHostProps(this, props);

    const logGroupName = `/berth/${p.name}/ec2`;
    const logGroup = new CloudwatchLogGroup(this, "logs", { name: logGroupName, retentionInDays: p.logRetentionDays });
    const images = this.resolveImages(p);
    const role = new HostRole(this, "role", {
      name: p.name,
      repositoryArns: images.flatMap((i) => i.repositoryArns),
      logGroupArn: logGroup.arn,
      // A secret name used by several services reads one ARN (resolveHostProps sees to it).
      secretArns: [...new Set([p, ...p.services].flatMap((s) => Object.values(s.secrets)))],
    });
    const securityGroup = this.securityGroup(p);

    const subnet = new DataAwsSubnet(this, "subnet", { id: p.subnetId });
    const dataVolume = new EbsVolume(this, "data", {
      availabilityZone: subnet.availabilityZone,
      size: p.dataVolumeGiB,
      type: "gp3",
      encrypted: true,
      // A snapshot is taken if the volume is ever deleted by Terraform.
      finalSnapshot: true,
      tags: { Name: `${p.name}-data` },
      lifecycle: { preventDestroy: p.protectDataVolume },
    });

    const amiParameter = al2023AmiParameter(p.architecture);
    const ami = new DataAwsSsmParameter(this, "ami", { name: amiParameter });
    // The instance is replaced (data volume kept) when its type or AMI line changes; a newer AMI of
    // the same line is picked up only on a deliberate replacement (`terraform apply -replace`).
    const identity = new DataResource(this, "instance-identity", { triggersReplace: { instanceType: p.instanceType, amiParameter } });
    // Literal values only: the text is escaped for Terraform before the volume ID reference goes in.
    const bootstrap = { region: p.region, logGroupName, composeVersion: p.composeVersion, composeSha256: p.composeSha256 };
    const userDataBytes = Buffer.byteLength(cloudConfig({ ...bootstrap, dataVolumeId: "vol-0123456789abcdef0" }));
    if (userDataBytes > USER_DATA_LIMIT_BYTES) {
      throw new ValidationError(this, `the user data takes ${userDataBytes} bytes, more than the ${USER_DATA_LIMIT_BYTES} EC2 accepts: it holds the region, the log group, composeVersion and composeSha256, and only composeVersion has no length limit: give a docker/compose release tag like "v2.39.4"`);
    }
    const hostUserData = userData({ ...bootstrap, dataVolumeId: dataVolume.id });
    const instance = new Instance(this, "instance", {
      ami: ami.insecureValue,
      instanceType: p.instanceType,
      subnetId: p.subnetId,
      vpcSecurityGroupIds: [securityGroup.id],
      iamInstanceProfile: role.instanceProfileName,
      associatePublicIpAddress: true,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        // 1: only the host reaches the role; containers (one network hop further) do not.
        httpPutResponseHopLimit: p.containersUseInstanceRole ? 2 : 1,
        instanceMetadataTags: "disabled",
      },
      rootBlockDevice: { volumeType: "gp3", volumeSize: p.rootVolumeGiB, encrypted: true, deleteOnTermination: true },
      monitoring: p.detailedMonitoring,
      disableApiTermination: p.terminationProtection,
      userData: hostUserData,
      // cloud-init runs once per instance: a changed bootstrap takes effect on a new instance.
      userDataReplaceOnChange: true,
      tags: { Name: p.name },
      // The SSM agent registers, and Docker logs, from the first boot on.
      dependsOn: [logGroup, ...role.permissions],
      lifecycle: { ignoreChanges: ["ami"], replaceTriggeredBy: [resourceAddress(identity)] },
    });
    const attachment = new VolumeAttachment(this, "data-attachment", {
      deviceName: DATA_DEVICE_NAME,
      volumeId: dataVolume.id,
      instanceId: instance.id,
      // Stop the instance before detaching, so the filesystem is unmounted cleanly on replacement.
      stopInstanceBeforeDetaching: true,
    });

    let publicIp = instance.publicIp;
    let publicDns = instance.publicDns;
    const ready: ITerraformDependable[] = [attachment];
    if (p.elasticIp) {
      const eip = new Eip(this, "ip", { domain: "vpc", tags: { Name: p.name } });
      ready.push(new EipAssociation(this, "ip-association", { allocationId: eip.allocationId, instanceId: instance.id }));
      publicIp = eip.publicIp;
      publicDns = eip.publicDns;
    }

    this.deployReleases(p, Object.fromEntries(images.map((i) => [i.service, i.reference])), instance, ready);

    this.instanceId = instance.id;
    this.publicIp = publicIp;
    this.publicDns = publicDns;
    this.appUrl = p.https ? `https://${p.https.domain}` : `http://${publicDns}`;
    this.roleArn = role.roleArn;
    this.securityGroupId = securityGroup.id;
    this.dataVolumeId = dataVolume.id;
    this.logGroupName = logGroupName;
    this.imageReference = images[0]!.reference;
  }

  /** Each service's pinned image reference (the public service's first), and the repositories the host may pull from. */
  private resolveImages(p: ResolvedHostProps): { service: string; reference: string; repositoryArns: string[] }[] {
    const services = [{ name: p.serviceName, image: p.image }, ...p.services];
    return services.map(({ name, image }, i) => {
      if ("uri" in image) return { service: name, reference: image.uri, repositoryArns: [] };
      // The public service's image keeps the id it had before the host ran several services.
      const ecrImage = new EcrImage(this, i === 0 ? "image" : `image-${name}`, {
        repositoryName: image.ecrRepositoryName,
        tag: image.tag,
        pinnedReference: image.pinnedReference,
      });
      return { service: name, reference: ecrImage.reference, repositoryArns: [ecrImage.repositoryArn] };
    });
  }

  private securityGroup(p: ResolvedHostProps): SecurityGroup {
    const cidrBlocks = [...p.ingressCidrs];
    // With HTTPS the app is served on 443 only, to ingressCidrs. Port 80 must be open to anywhere:
    // the CA's HTTP-01 validation comes from addresses it does not publish, and with 80 closed no
    // certificate is ever issued. Caddy answers there only with ACME challenges and redirects to
    // HTTPS (automatic HTTPS for a domain site address; the Caddyfile has no http:// site).
    const ingress = p.https
      ? [
          { description: "HTTPS to the app through the Caddy proxy", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks },
          {
            description: "HTTP from anywhere for ACME HTTP-01 challenges (the CA does not publish its addresses) and the redirect to HTTPS only: Caddy serves the app on 443",
            protocol: "tcp",
            fromPort: HOST_HTTP_PORT,
            toPort: HOST_HTTP_PORT,
            cidrBlocks: [ANYWHERE],
          },
        ]
      : [{ description: "HTTP to the app", protocol: "tcp", fromPort: HOST_HTTP_PORT, toPort: HOST_HTTP_PORT, cidrBlocks }];
    return new SecurityGroup(this, "security-group", {
      name: `${p.name}-ec2-host`,
      description: `berth EC2 host of ${p.name}: the app's published ports only, no SSH`,
      vpcId: p.vpcId,
      ingress,
      egress: p.egress.map((rule) => ({
        description: rule.description,
        protocol: rule.protocol,
        fromPort: rule.port,
        toPort: rule.port,
        cidrBlocks: [...rule.cidrBlocks],
      })),
      tags: { Name: `${p.name}-ec2-host` },
    });
  }

  /**
   * The deploy document and its association. The association is re-created (not updated) whenever the
   * release, the document or the instance changes: a new association runs at once, and Terraform waits
   * for its success, so a failed rollout fails `terraform apply`.
   */
  private deployReleases(p: ResolvedHostProps, images: Readonly<Record<string, string>>, instance: Instance, ready: ITerraformDependable[]): void {
    const files: ReleaseFiles = releaseFiles({
      serviceName: p.serviceName,
      dependsOn: p.dependsOn,
      services: p.services,
      port: p.port,
      httpPort: HOST_HTTP_PORT,
      command: p.command,
      entrypoint: p.entrypoint,
      environment: p.environment,
      secrets: p.secrets,
      volumes: p.volumes,
      stopGracePeriodSeconds: p.stopGracePeriodSeconds,
      https: p.https,
      proxyImage: p.proxyImage,
      healthCheck: p.healthCheck,
      containerHealthCheck: p.containerHealthCheck,
      updateTimeoutSeconds: p.updateTimeoutSeconds,
    });
    const parameters = releaseParameters(files, images);
    const encodedBytes = encodedReleaseBytes(files);
    if (encodedBytes > RELEASE_PARAMETERS_LIMIT_BYTES) {
      throw new ValidationError(
        this,
        `the release (compose file, settings, secret references) takes ${encodedBytes} bytes encoded, more than the ${RELEASE_PARAMETERS_LIMIT_BYTES} that fit beside the deploy document in SSM's 64 KB: move large environment values into SSM parameters and list them as secrets`,
      );
    }
    const content = deployDocument(p.name, p.updateTimeoutSeconds);
    const document = new SsmDocument(this, "deploy-document", {
      name: `berth-${p.name}-deploy`,
      documentType: "Command",
      documentFormat: "JSON",
      targetType: "/AWS::EC2::Instance",
      content: terraformLiteral(content),
    });
    const release = new DataResource(this, "release", {
      triggersReplace: { files: sha256(JSON.stringify(files)), images: parameters.images!, document: sha256(content), instance: instance.id },
    });
    new SsmAssociation(this, "deploy", {
      name: document.name,
      // The version just written, whichever version is the document's default.
      documentVersion: document.latestVersion,
      associationName: `berth-${p.name}-deploy`,
      targets: [{ key: "InstanceIds", values: [instance.id] }],
      parameters,
      waitForSuccessTimeoutSeconds: deployTimeoutSeconds(p.updateTimeoutSeconds) + ASSOCIATION_PICKUP_SECONDS,
      dependsOn: ready,
      lifecycle: { replaceTriggeredBy: [resourceAddress(release)] },
    });
  }
}
