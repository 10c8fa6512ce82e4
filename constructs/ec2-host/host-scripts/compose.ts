import { shellScript } from "../text";

/**
 * `berth-compose RELEASE_DIR COMPOSE_ARGS...`: runs `docker compose` on one release, with the
 * release's image references and secrets in its environment (the compose file names them; it never
 * holds their values), and the ECR credential helper configured for the images' registries.
 * BERTH_COMPOSE overrides the compose command (e.g. `docker-compose`).
 */
export const COMPOSE_SCRIPT = shellScript`#!/bin/bash
# berth-compose: docker compose for one release of the app.
set -euo pipefail

: "\${BERTH_RUN_DIR:=/run/berth}"
: "\${BERTH_PROJECT:=berth}"
: "\${BERTH_COMPOSE:=docker compose}"
# The ECR credential helper is configured for root's docker client; the SSM agent and systemd may
# run this without HOME.
: "\${DOCKER_CONFIG:=/root/.docker}"
export DOCKER_CONFIG

release=$(readlink -f "\${1:?usage: berth-compose RELEASE_DIR COMPOSE_ARGS...}")
shift

# Each service's image reference, from the release's images file (<service>=<reference> lines), as
# BERTH_IMAGE_<SERVICE> (upper case, - as _). A release written before the images file names the
# one image in its image file, as BERTH_IMAGE.
registries=()
if [ -f "$release/image" ]; then
  BERTH_IMAGE=$(cat "$release/image")
  export BERTH_IMAGE
  registries+=("\${BERTH_IMAGE%%/*}")
fi
if [ -f "$release/images" ]; then
  while IFS='=' read -r service reference; do
    if [ -z "$service" ]; then continue; fi
    variable=BERTH_IMAGE_\${service^^}
    export "\${variable//-/_}=$reference"
    registries+=("\${reference%%/*}")
  done <"$release/images"
fi

# Images in a private ECR registry are pulled with the ECR credential helper and the instance role:
# no stored password, no 12-hour token.
for registry in "\${registries[@]}"; do
  case "$registry" in
    *.dkr.ecr.*.amazonaws.com | *.dkr.ecr.*.amazonaws.com.cn)
      config="$DOCKER_CONFIG/config.json"
      known='{}'
      if [ -s "$config" ]; then known=$(cat "$config"); fi
      wanted=$(BERTH_REGISTRY=$registry jq '.credHelpers[env.BERTH_REGISTRY] = "ecr-login"' <<<"$known")
      if [ "$wanted" != "$known" ]; then
        mkdir -p "$DOCKER_CONFIG"
        (umask 077 && printf '%s\n' "$wanted" >"$config.next")
        mv -f "$config.next" "$config"
      fi
      ;;
  esac
done
if [ -s "$release/secrets.refs" ]; then
  while IFS= read -r -d '' record; do
    # The record is NAME=value: exporting its expansion sets NAME.
    export "\${record?}"
  done <"$BERTH_RUN_DIR/secrets.env"
fi

read -r -a compose <<<"$BERTH_COMPOSE"
exec "\${compose[@]}" --project-name "$BERTH_PROJECT" --file "$release/compose.yaml" "$@"
`;
