import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ValidationError, checkWholeNumber } from "../errors";
import { POSIX_ID } from "../limits/storage";

export interface EfsVolumeProps {
  /** Volume name; its data lives under `/<name>` on the file system. */
  readonly name: string;
  /** Owner of the volume's root directory and identity of every client. @default 1000 */
  readonly uid?: number;
  /** @default 1000 */
  readonly gid?: number;
}

export interface EfsStorageProps {
  readonly name: string;
  readonly vpcId: string;
  /** One mount target per subnet (one subnet per AZ). */
  readonly subnetIds: readonly string[];
  /** The clients' security group: the only source allowed on NFS (2049). */
  readonly clientSecurityGroupId: string;
  readonly volumes: readonly EfsVolumeProps[];
}

export interface EfsVolume {
  readonly name: string;
  readonly fileSystemId: string;
  readonly fileSystemArn: string;
  readonly accessPointId: string;
  readonly accessPointArn: string;
}

/**
 * An encrypted EFS file system for persistent container volumes: one access point per volume
 * (fixed uid/gid and root directory), mount targets in the given subnets reachable only from the
 * clients' security group, and a file system policy that refuses unencrypted transport and any
 * access that does not go through an access point.
 */
export class EfsStorage extends Construct {
  readonly volumes: readonly EfsVolume[];
  readonly fileSystemArn: string;
  /**
   * What a client needs before it can mount: the mount targets and the NFS rules. Nothing in a
   * task definition refers to them, so a service must depend on them explicitly.
   */
  readonly mountReady: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: EfsStorageProps) {
    super(scope, id);
    if (props.volumes.length === 0) throw new ValidationError(this, "volumes must name at least one volume, got none");

    const fs = new EfsFileSystem(this, "fs", {
      encrypted: true,
      creationToken: props.name,
      lifecyclePolicy: [{ transitionToIa: "AFTER_30_DAYS" }],
      tags: { Name: props.name },
    });
    const sg = new SecurityGroup(this, "sg", {
      name: `${props.name}-efs`,
      description: `EFS mount targets of ${props.name}: NFS from the tasks only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-efs` },
    });
    const nfsIn = new VpcSecurityGroupIngressRule(this, "nfs-in", {
      securityGroupId: sg.id,
      description: "NFS from the tasks",
      ipProtocol: "tcp",
      fromPort: 2049,
      toPort: 2049,
      referencedSecurityGroupId: props.clientSecurityGroupId,
    });
    const nfsOut = new VpcSecurityGroupEgressRule(this, "nfs-out", {
      securityGroupId: props.clientSecurityGroupId,
      description: "NFS to the EFS mount targets",
      ipProtocol: "tcp",
      fromPort: 2049,
      toPort: 2049,
      referencedSecurityGroupId: sg.id,
    });
    const mountTargets = props.subnetIds.map((subnetId, i) => new EfsMountTarget(this, `mount-${i}`, { fileSystemId: fs.id, subnetId, securityGroups: [sg.id] }));

    this.volumes = props.volumes.map((volume, i) => {
      const uid = volume.uid ?? 1000;
      const gid = volume.gid ?? 1000;
      checkWholeNumber(this, `volumes[${i}].uid (volume "${volume.name}")`, uid, POSIX_ID);
      checkWholeNumber(this, `volumes[${i}].gid (volume "${volume.name}")`, gid, POSIX_ID);
      const ap = new EfsAccessPoint(this, `ap-${volume.name}`, {
        fileSystemId: fs.id,
        posixUser: { uid, gid },
        rootDirectory: { path: `/${volume.name}`, creationInfo: { ownerUid: uid, ownerGid: gid, permissions: "0750" } },
        tags: { Name: `${props.name}-${volume.name}` },
      });
      return { name: volume.name, fileSystemId: fs.id, fileSystemArn: fs.arn, accessPointId: ap.id, accessPointArn: ap.arn };
    });

    new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: fs.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyUnencryptedTransport",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "*",
            Resource: fs.arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "DenyAccessOutsideAccessPoints",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
            Resource: fs.arn,
            Condition: { Null: { "elasticfilesystem:AccessPointArn": "true" } },
          },
        ],
      }),
    });
    this.fileSystemArn = fs.arn;
    this.mountReady = [...mountTargets, nfsIn, nfsOut];
  }
}
