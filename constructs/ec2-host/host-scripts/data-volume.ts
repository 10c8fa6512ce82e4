import { shellScript } from "../text";

/**
 * `berth-data-volume`, run by berth-data.service before Docker starts: waits for the data volume,
 * formats it only when it is blank, and mounts it where Docker keeps named volumes.
 *
 * Settings (environment, from /etc/berth/data-volume.env): BERTH_DATA_VOLUME_ID (required),
 * BERTH_DATA_MOUNT, BERTH_DATA_DEVICE_NAME, BERTH_DATA_FS, BERTH_DATA_WAIT_SECONDS.
 */
export const DATA_VOLUME_SCRIPT = shellScript`#!/bin/bash
# berth-data-volume: mounts the app's data volume (Docker named volumes) before Docker starts.
# A volume is formatted only when it holds no filesystem and no partition table at all: a volume
# with data, or with anything this script does not recognise, is never formatted.
set -euo pipefail

: "\${BERTH_DATA_VOLUME_ID:?BERTH_DATA_VOLUME_ID is not set: see /etc/berth/data-volume.env}"
: "\${BERTH_DATA_MOUNT:=/var/lib/docker/volumes}"
: "\${BERTH_DATA_DEVICE_NAME:=/dev/sdf}"
: "\${BERTH_DATA_FS:=xfs}"
: "\${BERTH_DATA_WAIT_SECONDS:=600}"

log() { printf 'berth-data-volume: %s\n' "$*"; }

if mountpoint -q "$BERTH_DATA_MOUNT"; then
  log "$BERTH_DATA_MOUNT is already mounted"
  exit 0
fi

# On Nitro instances the NVMe serial is the volume ID; the requested device name (/dev/sdf) is a
# udev symlink there and the real name on Xen instances (as /dev/sdf or /dev/xvdf).
by_id="/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_\${BERTH_DATA_VOLUME_ID/-/}"
xen_name="/dev/xvd\${BERTH_DATA_DEVICE_NAME#/dev/sd}"
device=""
waited=0
# The volume is attached after the instance starts, so it may appear well after boot.
while [ -z "$device" ]; do
  for candidate in "$by_id" "$BERTH_DATA_DEVICE_NAME" "$xen_name"; do
    if [ -b "$candidate" ]; then
      device=$(readlink -f "$candidate")
      break
    fi
  done
  if [ -z "$device" ]; then
    if [ "$waited" -ge "$BERTH_DATA_WAIT_SECONDS" ]; then
      log "volume $BERTH_DATA_VOLUME_ID did not appear within $BERTH_DATA_WAIT_SECONDS s (looked for $by_id, $BERTH_DATA_DEVICE_NAME, $xen_name): is it attached?"
      exit 1
    fi
    sleep 2
    waited=$((waited + 2))
  fi
done
log "volume $BERTH_DATA_VOLUME_ID is $device"

# blkid -p probes the device itself: exit 0 = a filesystem or partition table, 2 = nothing at all.
probe=0
blkid -p "$device" >/dev/null 2>&1 || probe=$?
case "$probe" in
  0)
    if [ -z "$(blkid -p -o value -s TYPE "$device" || true)" ]; then
      log "$device holds a partition table but no filesystem on the whole device: not formatting it; mount it by hand or use a blank volume"
      exit 1
    fi
    log "$device already has a filesystem: mounting it as it is"
    ;;
  2)
    log "$device is blank: creating an $BERTH_DATA_FS filesystem"
    mkfs -t "$BERTH_DATA_FS" -L berth-data "$device"
    ;;
  *)
    log "cannot tell whether $device is blank (blkid exit $probe): not formatting it"
    exit 1
    ;;
esac

mkdir -p "$BERTH_DATA_MOUNT"
mount "$device" "$BERTH_DATA_MOUNT"
log "mounted $device at $BERTH_DATA_MOUNT"
`;
