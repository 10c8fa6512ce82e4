import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BOOT_SCRIPTS } from "../../../constructs/ec2-host/host-scripts";
import { run, tempDir, writeTree } from "./tools";

/**
 * berth-bootstrap run by bash with stand-ins for the host's tools (no Amazon Linux here): which
 * systemd units it turns on and off. The compose plugin counts as installed, so nothing downloads.
 */

/** Records every systemctl call; `systemctl cat sshd.service` succeeds only when FAKE_SSHD is 1. */
const FAKE_SYSTEMCTL = `#!/bin/bash
printf 'systemctl %s\\n' "$*" >>"$FAKE_LOG"
if [ "$1" = cat ]; then [ "$FAKE_SSHD" = 1 ]; fi
`;
/** docker, the ECR helper, aws, jq and curl only need to exist; \`docker compose version\` succeeds. */
const PRESENT = "#!/bin/bash\nexit 0\n";
/** The script's one grep reads /etc/docker/daemon.json, which this machine's dockerd owns. */
const FAKE_GREP = '#!/bin/bash\nprintf \'grep %s\\n\' "$*" >>"$FAKE_LOG"\n';

function bootstrap(sshdInstalled: boolean) {
  const work = tempDir("bootstrap");
  const bin = join(work, "bin");
  const log = join(work, "calls.log");
  writeTree(bin, { systemctl: FAKE_SYSTEMCTL, grep: FAKE_GREP, docker: PRESENT, "docker-credential-ecr-login": PRESENT, aws: PRESENT, jq: PRESENT, curl: PRESENT }, true);
  writeTree(work, { "berth-bootstrap": BOOT_SCRIPTS["berth-bootstrap"]! }, true);
  const result = run("bash", [join(work, "berth-bootstrap"), "v2.39.4"], {
    env: { PATH: `${bin}:${process.env.PATH}`, BERTH_HOME: join(work, "home"), FAKE_LOG: log, FAKE_SSHD: sshdInstalled ? "1" : "0" },
  });
  const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { status: result.status, stderr: result.stderr, calls, bootstrapped: existsSync(join(work, "home", "bootstrapped")) };
}

describe("berth-bootstrap", () => {
  // AL2023 User Guide, "Connect to your instance using SSH": the AMI runs sshd. berth hosts are
  // reached through Session Manager only; `disable --now` stops it and keeps it off after reboots.
  it("stops sshd and keeps it from starting again (systemctl disable --now sshd.service) when the AMI has it", () => {
    expect(bootstrap(true).calls).toContain("systemctl disable --now sshd.service");
  });

  it("leaves systemd alone about sshd when the AMI has no sshd unit, and still finishes", () => {
    const result = bootstrap(false);
    expect([result.status, result.bootstrapped, result.calls.filter((call) => call.includes("sshd") && !call.startsWith("systemctl cat"))]).toEqual([0, true, []]);
  });

  it("enables the data volume and app units, and starts Docker, in that order after a daemon-reload", () => {
    expect(bootstrap(true).calls.filter((call) => /systemctl (daemon-reload|enable)/.test(call))).toEqual([
      "systemctl daemon-reload",
      "systemctl enable berth-data.service berth-app.service",
      "systemctl enable --now docker.service",
    ]);
  });

  it("marks the host bootstrapped and exits 0", () => {
    const result = bootstrap(true);
    expect([result.status, result.bootstrapped, result.stderr]).toEqual([0, true, ""]);
  });
});
