import { shellScript } from "../text";

/**
 * `berth-bootstrap COMPOSE_VERSION [COMPOSE_SHA256]`, run once by cloud-init (runcmd) after the
 * packages are installed: the compose plugin, Docker on top of the data volume, the app unit, no SSH.
 * It ends by writing $BERTH_HOME/bootstrapped, or bootstrap-failed with the reason, which the deploy
 * document waits for.
 */
export const BOOTSTRAP_SCRIPT = shellScript`#!/bin/bash
# berth-bootstrap: first-boot setup of a berth host (run by cloud-init).
set -euo pipefail

: "\${BERTH_HOME:=/var/lib/berth}"
compose_version=\${1:?usage: berth-bootstrap COMPOSE_VERSION [COMPOSE_SHA256]}
compose_sha256=\${2:-}
plugin=/usr/local/lib/docker/cli-plugins/docker-compose

mkdir -p "$BERTH_HOME"
rm -f "$BERTH_HOME/bootstrapped" "$BERTH_HOME/bootstrap-failed"
trap 'echo "berth-bootstrap failed at line $LINENO; see /var/log/cloud-init-output.log" >"$BERTH_HOME/bootstrap-failed"' ERR

for tool in docker docker-credential-ecr-login aws jq curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "berth-bootstrap: $tool is missing: the cloud-init packages step failed (see /var/log/cloud-init-output.log)"
    false
  fi
done

if ! grep -q awslogs /etc/docker/daemon.json; then
  echo "berth-bootstrap: /etc/docker/daemon.json was not written (cloud-init write_files, deferred)"
  false
fi

# Amazon Linux 2023 does not package the compose plugin: install the pinned release, verified.
if ! docker compose version >/dev/null 2>&1; then
  url="https://github.com/docker/compose/releases/download/$compose_version/docker-compose-linux-$(uname -m)"
  download=$(mktemp -d)
  curl -fsSL --retry 5 -o "$download/docker-compose" "$url"
  if [ -z "$compose_sha256" ]; then
    compose_sha256=$(curl -fsSL --retry 5 "$url.sha256" | cut -d ' ' -f 1)
  fi
  echo "$compose_sha256  $download/docker-compose" | sha256sum --check --strict
  install -D -m 0755 "$download/docker-compose" "$plugin.new"
  # A rename, never a write over the file: a running plugin binary stays intact.
  mv -f "$plugin.new" "$plugin"
  rm -rf "$download"
fi
docker compose version

systemctl daemon-reload
systemctl enable berth-data.service berth-app.service
# docker.service requires berth-data.service (drop-in): the data volume is mounted first.
systemctl enable --now docker.service

# No SSH on a berth host: operators use Session Manager.
if systemctl cat sshd.service >/dev/null 2>&1; then
  systemctl disable --now sshd.service
fi

touch "$BERTH_HOME/bootstrapped"
echo "berth-bootstrap: done"
`;
