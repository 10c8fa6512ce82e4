import { BOOT_SCRIPTS, SCRIPT_DIR } from "./host-scripts";
import { DATA_VOLUME_ENV_FILE, DOCKER_VOLUMES_DIR, HOST_UNITS } from "./systemd";
import { settingsFile, terraformLiteral } from "./text";
import { toYaml } from "./yaml";

/** EC2 accepts at most 16 KB of user data. */
export const USER_DATA_LIMIT_BYTES = 16384;
/** The device name the data volume is attached as. */
export const DATA_DEVICE_NAME = "/dev/sdf";

export interface CloudConfigInput {
  readonly region: string;
  /** CloudWatch log group of the containers (Docker's awslogs driver). */
  readonly logGroupName: string;
  /** ID of the data volume (may be a Terraform reference). */
  readonly dataVolumeId: string;
  /** docker/compose release tag installed when the AMI has no compose plugin. */
  readonly composeVersion: string;
  /** SHA-256 of that release's binary for the instance's architecture; empty: the checksum published with it. */
  readonly composeSha256: string;
}

interface WriteFile {
  path: string;
  permissions: string;
  content: string;
  defer?: boolean;
}

/**
 * The host's `#cloud-config`: packages (Docker, the ECR credential helper, jq), Docker's daemon
 * settings, the data volume and app units, the boot scripts, then berth-bootstrap. It holds no
 * release and no secret: releases arrive through the SSM deploy document, secrets are read at start.
 */
export function cloudConfig(input: CloudConfigInput): string {
  const daemon = {
    "log-driver": "awslogs",
    "log-opts": {
      "awslogs-region": input.region,
      "awslogs-group": input.logGroupName,
      // One stream per container, named after it.
      tag: "{{.Name}}/{{.ID}}",
      // An app never blocks on CloudWatch; at most 4 MB of lines wait in memory.
      mode: "non-blocking",
      "max-buffer-size": "4m",
    },
    // Containers keep running while dockerd restarts (e.g. a package update).
    "live-restore": true,
  };
  const files: WriteFile[] = [
    // Deferred until after `packages:`, so that installing Docker cannot replace it.
    { path: "/etc/docker/daemon.json", permissions: "0644", content: `${JSON.stringify(daemon, null, 2)}\n`, defer: true },
    {
      path: DATA_VOLUME_ENV_FILE,
      permissions: "0644",
      content: settingsFile({ BERTH_DATA_VOLUME_ID: input.dataVolumeId, BERTH_DATA_DEVICE_NAME: DATA_DEVICE_NAME, BERTH_DATA_MOUNT: DOCKER_VOLUMES_DIR }),
    },
    ...Object.entries(HOST_UNITS).map(([path, content]) => ({ path, permissions: "0644", content })),
    ...Object.entries(BOOT_SCRIPTS).map(([name, content]) => ({ path: `${SCRIPT_DIR}/${name}`, permissions: "0755", content })),
  ];
  const config = {
    package_update: false,
    packages: ["docker", "amazon-ecr-credential-helper", "jq"],
    write_files: files,
    runcmd: [[`${SCRIPT_DIR}/berth-bootstrap`, input.composeVersion, input.composeSha256]],
  };
  return `#cloud-config\n# berth host bootstrap (Amazon Linux 2023). Releases arrive through the SSM deploy document.\n${toYaml(config)}`;
}

/**
 * The cloud-config as Terraform must receive it: template syntax escaped, then the data volume's ID
 * (a Terraform reference) put in place of a marker.
 */
export function userData(input: CloudConfigInput): string {
  const marker = "berth-data-volume-id-marker";
  const text = terraformLiteral(cloudConfig({ ...input, dataVolumeId: marker }));
  return text.replace(marker, () => input.dataVolumeId);
}
