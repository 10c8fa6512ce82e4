import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { Testing } from "cdktf";
import { EfsStorage, type EfsStorageProps } from "../../constructs/efs-storage";
import { errorOf, terraformRef } from "../helpers";

function synth(props: Partial<EfsStorageProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new EfsStorage(scope, "efs", {
      name: "shop-dev",
      vpcId: "vpc-0abc1234",
      subnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"],
      clientSecurityGroupId: "sg-0client",
      volumes: [{ name: "data" }],
      ...props,
    });
  });
  const resources = JSON.parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
  const one = (type: string, id: string) => Object.entries(resources[type] ?? {}).find(([key]) => logicalId(id).test(key))?.[1];
  return { json, all: (type: string) => Object.values(resources[type] ?? {}), one };
}

// cdktf leaves a construct id out of the logical id when the parent's id ends with it ("efs"/"fs").
const logicalIdSource = (id: string) => `efs_${"efs".endsWith(id) ? "" : `${id}_`}[0-9A-F]{8}`;
const logicalId = (id: string) => new RegExp(`^${logicalIdSource(id)}$`);
/** A Terraform reference to the `attribute` of the storage's resource `type` with construct id `id`. */
const ref = (type: string, id: string, attribute = "id") => terraformRef(type, attribute, logicalIdSource(id));

describe("EfsStorage", () => {
  it("encrypts the file system at rest", () => {
    expect(synth().json).toHaveResourceWithProperties(EfsFileSystem, { encrypted: true, creation_token: "shop-dev" });
  });

  it("puts one mount target in each subnet", () => {
    expect(synth().all("aws_efs_mount_target").map((m) => m.subnet_id)).toEqual(["subnet-0ccc3333", "subnet-0ddd4444"]);
  });

  it("allows NFS (2049) only from the clients' security group", () => {
    expect(synth().all("aws_vpc_security_group_ingress_rule")).toEqual([
      expect.objectContaining({ from_port: 2049, to_port: 2049, ip_protocol: "tcp", referenced_security_group_id: "sg-0client", description: "NFS from the tasks" }),
    ]);
  });

  it("gives each volume an access point with uid/gid 1000 and its own root by default", () => {
    expect(synth().json).toHaveResourceWithProperties(EfsAccessPoint, {
      posix_user: { uid: 1000, gid: 1000 },
      root_directory: { path: "/data", creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: "0750" } },
    });
  });

  it("takes the uid and gid of a volume", () => {
    expect(synth({ volumes: [{ name: "data", uid: 101, gid: 102 }] }).json).toHaveResourceWithProperties(EfsAccessPoint, { posix_user: { uid: 101, gid: 102 } });
  });

  it("refuses unencrypted transport and access outside the access points", () => {
    const policy = JSON.parse(synth().all("aws_efs_file_system_policy")[0]!.policy as string);
    expect(policy.Statement.map((s: { Effect: string; Condition: unknown }) => [s.Effect, s.Condition])).toEqual([
      ["Deny", { Bool: { "aws:SecureTransport": "false" } }],
      ["Deny", { Null: { "elasticfilesystem:AccessPointArn": "true" } }],
    ]);
  });

  it("fails without volumes", () => {
    expect(errorOf(() => synth({ volumes: [] }))).toBe("stack/efs: volumes must name at least one volume, got none");
  });
});

describe("EfsStorage: the arguments of each resource", () => {
  // EFS User Guide, lifecycle-management-efs.html: AFTER_30_DAYS is the console's default transition to Infrequent Access.
  it("encrypts the file system, moves files unread for 30 days to Infrequent Access, and names it after the app", () => {
    expect(synth().one("aws_efs_file_system", "fs")).toEqual({
      encrypted: true,
      creation_token: "shop-dev",
      lifecycle_policy: [{ transition_to_ia: "AFTER_30_DAYS" }],
      tags: { Name: "shop-dev" },
    });
  });

  it("gives the mount targets a security group of their own, named after the app", () => {
    expect(synth().one("aws_security_group", "sg")).toEqual({
      name: "shop-dev-efs",
      description: "EFS mount targets of shop-dev: NFS from the tasks only",
      vpc_id: "vpc-0abc1234",
      tags: { Name: "shop-dev-efs" },
    });
  });

  it("puts each mount target behind that security group", () => {
    expect(synth().one("aws_efs_mount_target", "mount-1")).toEqual({ file_system_id: ref("aws_efs_file_system", "fs"), subnet_id: "subnet-0ddd4444", security_groups: [ref("aws_security_group", "sg")] });
  });

  it("lets the clients' security group send NFS (tcp 2049) to the mount targets' group only", () => {
    expect(synth().one("aws_vpc_security_group_egress_rule", "nfs-out")).toEqual({
      security_group_id: "sg-0client",
      description: "NFS to the EFS mount targets",
      ip_protocol: "tcp",
      from_port: 2049,
      to_port: 2049,
      referenced_security_group_id: ref("aws_security_group", "sg"),
    });
  });

  it("takes NFS (tcp 2049) into the mount targets' group from the clients' group only", () => {
    expect(synth().one("aws_vpc_security_group_ingress_rule", "nfs-in")).toEqual({
      security_group_id: ref("aws_security_group", "sg"),
      description: "NFS from the tasks",
      ip_protocol: "tcp",
      from_port: 2049,
      to_port: 2049,
      referenced_security_group_id: "sg-0client",
    });
  });

  it("names each access point after the app and the volume", () => {
    expect(synth().one("aws_efs_access_point", "ap-data")?.tags).toEqual({ Name: "shop-dev-data" });
  });

  // EFS User Guide, iam-access-control-nfs-efs.html: aws:SecureTransport "false" denies non-TLS
  // clients; elasticfilesystem:AccessPointArn is null when a client mounts without an access point.
  it("denies everyone any action without TLS, and mount, write and root access without an access point", () => {
    const policy = synth().one("aws_efs_file_system_policy", "policy")!;
    expect([policy.file_system_id, JSON.parse(policy.policy as string)]).toEqual([
      ref("aws_efs_file_system", "fs"),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyUnencryptedTransport",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "*",
            Resource: ref("aws_efs_file_system", "fs", "arn"),
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "DenyAccessOutsideAccessPoints",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
            Resource: ref("aws_efs_file_system", "fs", "arn"),
            Condition: { Null: { "elasticfilesystem:AccessPointArn": "true" } },
          },
        ],
      },
    ]);
  });

  it("makes the mount targets and both NFS rules what a client must wait for (mountReady)", () => {
    let storage: EfsStorage | undefined;
    Testing.synthScope((scope) => {
      storage = new EfsStorage(scope, "efs", { name: "shop-dev", vpcId: "vpc-0abc1234", subnetIds: ["subnet-0ccc3333", "subnet-0ddd4444"], clientSecurityGroupId: "sg-0client", volumes: [{ name: "data" }] });
    });
    expect(storage!.mountReady.map((d) => (d as unknown as { node: { id: string } }).node.id)).toEqual(["mount-0", "mount-1", "nfs-in", "nfs-out"]);
  });
});
