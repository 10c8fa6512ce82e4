import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { Testing } from "cdktf";
import { EfsStorage, type EfsStorageProps } from "../../constructs/efs-storage";
import { errorOf } from "../helpers";

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
  return { json, all: (type: string) => Object.values(resources[type] ?? {}) };
}

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
