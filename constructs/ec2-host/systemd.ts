import { SCRIPT_DIR } from "./host-scripts";

/** Where the host keeps releases (`current`, `good`, `releases/`). */
export const BERTH_HOME = "/var/lib/berth";
/** Settings of berth-data.service. */
export const DATA_VOLUME_ENV_FILE = "/etc/berth/data-volume.env";
/** Docker's named volumes: the data volume is mounted here. */
export const DOCKER_VOLUMES_DIR = "/var/lib/docker/volumes";

/** Mounts the data volume before Docker starts, on every boot. */
export const DATA_VOLUME_UNIT = `[Unit]
Description=berth data volume: mount the EBS volume holding Docker's named volumes
Before=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=${DATA_VOLUME_ENV_FILE}
ExecStart=${SCRIPT_DIR}/berth-data-volume
# The volume is attached after the instance starts; the script waits up to 10 minutes for it.
TimeoutStartSec=15min

[Install]
RequiredBy=docker.service
`;

/**
 * Docker drop-in: Docker starts only once the data volume is mounted, so that named volumes are never
 * created on the root disk by mistake (an app would then start with empty data).
 */
export const DOCKER_DROP_IN = `[Unit]
Requires=berth-data.service
After=berth-data.service
`;

/**
 * Starts the current release at boot (secrets are read again at every start); containers restart by
 * their compose restart policy, and Docker's live-restore keeps them running across daemon restarts.
 */
export const APP_UNIT = `[Unit]
Description=berth app: the docker compose project of the current release
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
ConditionPathExists=${BERTH_HOME}/current/compose.yaml

[Service]
Type=oneshot
RemainAfterExit=yes
Environment=HOME=/root DOCKER_CONFIG=/root/.docker
ExecStartPre=${SCRIPT_DIR}/berth-secrets ${BERTH_HOME}/current
ExecStart=${SCRIPT_DIR}/berth-compose ${BERTH_HOME}/current up --detach --remove-orphans
ExecStop=${SCRIPT_DIR}/berth-compose ${BERTH_HOME}/current stop
# A registry or secret that is briefly unreachable at boot is retried.
Restart=on-failure
RestartSec=30s
TimeoutStartSec=15min

[Install]
WantedBy=multi-user.target
`;

/** Unit files by path on the host. */
export const HOST_UNITS: Readonly<Record<string, string>> = {
  "/etc/systemd/system/berth-data.service": DATA_VOLUME_UNIT,
  "/etc/systemd/system/docker.service.d/berth.conf": DOCKER_DROP_IN,
  "/etc/systemd/system/berth-app.service": APP_UNIT,
};
