import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_VOLUME_SCRIPT } from "../../../constructs/ec2-host/host-scripts/data-volume";
import { run, tempDir, writeTree } from "./tools";

/**
 * berth-data-volume on a real block device (a loop device over a file): it formats a blank volume and
 * never one that holds data. Needs root, as on the host; CI (BERTH_REQUIRE_DOCKER=1) runs as root.
 */

function loopDevicesUsable(): boolean {
  const probe = spawnSync("losetup", ["--find"], { encoding: "utf8" });
  if (probe.status === 0 && process.getuid?.() === 0) return true;
  const reason = `berth-data-volume tests need root and loop devices (${(probe.stderr || "not root").trim()})`;
  if (process.env.BERTH_REQUIRE_DOCKER === "1") throw new Error(`${reason}; CI must provide them`);
  console.warn(`SKIPPED ${reason}`);
  return false;
}

const describeWithLoop = loopDevicesUsable() ? describe : describe.skip;

describeWithLoop("berth-data-volume", () => {
  const work = tempDir("data-volume");
  const script = join(work, "berth-data-volume");
  const mount = join(work, "mnt");
  let device = "";

  const mountVolume = (deviceName = device) =>
    run(script, [], {
      env: { BERTH_DATA_VOLUME_ID: "vol-0123456789abcdef0", BERTH_DATA_DEVICE_NAME: deviceName, BERTH_DATA_FS: "ext4", BERTH_DATA_MOUNT: mount, BERTH_DATA_WAIT_SECONDS: "2" },
    });
  const unmount = () => run("umount", [mount]);

  beforeAll(() => {
    writeTree(work, { "berth-data-volume": DATA_VOLUME_SCRIPT }, true);
    run("truncate", ["-s", "64M", join(work, "volume.img")]);
    device = run("losetup", ["--find", "--show", join(work, "volume.img")]).stdout.trim();
  });

  afterAll(() => {
    unmount();
    if (device) run("losetup", ["--detach", device]);
    rmSync(work, { recursive: true, force: true });
  });

  it("formats a blank volume and mounts it", () => {
    const result = mountVolume();
    expect(result.stdout).toContain(`${device} is blank: creating an ext4 filesystem`);
    expect([result.status, run("mountpoint", ["-q", mount]).status]).toEqual([0, 0]);
    writeFileSync(join(mount, "proof"), "kept");
    unmount();
  });

  it("mounts a volume that holds data without formatting it", () => {
    const result = mountVolume();
    expect(result.stdout).toContain(`${device} already has a filesystem: mounting it as it is`);
    expect(result.status).toBe(0);
    expect(readFileSync(join(mount, "proof"), "utf8")).toBe("kept");
    unmount();
  });

  it("refuses to format a volume with a partition table and no filesystem", () => {
    run("wipefs", ["--all", device]);
    run("sfdisk", [device], { input: "label: dos\n" });
    const result = mountVolume();
    expect(result.stdout).toContain("holds a partition table but no filesystem on the whole device: not formatting it");
    expect(result.status).toBe(1);
    expect(run("blkid", ["-p", "-o", "value", "-s", "PTTYPE", device]).stdout.trim()).toBe("dos");
  });

  it("fails when the volume does not appear within the wait", () => {
    const result = mountVolume(join(work, "no-such-device"));
    expect(result.stdout).toContain("volume vol-0123456789abcdef0 did not appear within 2 s");
    expect([result.status, existsSync(join(mount, "proof"))]).toEqual([1, false]);
  });
});
