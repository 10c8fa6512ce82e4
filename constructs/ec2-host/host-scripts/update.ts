import { shellScript } from "../text";

/**
 * `berth-update RELEASE_DIR`: deploys a release and rolls back to the last healthy one when the new
 * one does not become healthy in time. Run by the SSM deploy document on every change of image,
 * compose file, settings or secret references; exits non-zero on failure so the association (and
 * `terraform apply`) reports it.
 *
 * A release directory holds `compose.yaml`, `images` (`<service>=<reference>` lines),
 * `release.conf` (health check settings, the owner of each named volume, the one-shot services), `secrets.refs` (`NAME=ARN` lines) and, with
 * HTTPS, the `Caddyfile`. Releases are kept under $BERTH_HOME/releases/<fingerprint>; `current` and
 * `good` (last healthy) link to them.
 *
 * BERTH_PROJECT (default `berth`) is the compose project; it must be a name compose keeps as it is,
 * since the project's named volumes are `<project>_<volume>`.
 */
export const UPDATE_SCRIPT = shellScript`#!/bin/bash
# berth-update: deploy a release of the app, roll back to the last healthy release on failure.
# Exit status: 0 the release is healthy (or was already running healthy); 1 it failed (and the last
# healthy release, if any, was restored); 2 wrong usage or an incomplete release directory.
set -euo pipefail
shopt -s nullglob

: "\${BERTH_HOME:=/var/lib/berth}"
: "\${BERTH_RUN_DIR:=/run/berth}"
: "\${BERTH_PROJECT:=berth}"
here=$(dirname "$(readlink -f "$0")")

log() { printf 'berth-update: %s\n' "$*"; }

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: berth-update RELEASE_DIR" >&2
  exit 2
fi
# Compose lower-cases project names and drops other characters; the volume names below must match.
if [[ ! $BERTH_PROJECT =~ ^[a-z0-9][a-z0-9_-]*$ ]]; then
  log "BERTH_PROJECT must be a compose project name (lower case letters, digits, - and _, starting with a letter or digit), got '$BERTH_PROJECT'"
  exit 2
fi
for file in compose.yaml images release.conf; do
  if [ ! -s "$1/$file" ]; then
    log "$1 is not a complete release: $file is missing or empty"
    exit 2
  fi
done

mkdir -p "$BERTH_HOME/releases" "$BERTH_RUN_DIR"
exec 9>"$BERTH_RUN_DIR/update.lock"
if ! flock --wait 900 9; then
  log "another update still runs after 900 s; giving up"
  exit 1
fi

# The release's identity: a hash of its files (names and contents).
fingerprint() {
  local file
  for file in compose.yaml image images release.conf secrets.refs Caddyfile; do
    if [ -f "$1/$file" ]; then
      printf '%s\n' "$file"
      cat "$1/$file"
    fi
  done | sha256sum | cut -c 1-16
}

# Where a link under BERTH_HOME points, or nothing.
target_of() {
  if [ -L "$BERTH_HOME/$1" ]; then readlink -f "$BERTH_HOME/$1"; fi
}

point() {
  ln -sfn "$2" "$BERTH_HOME/$1.next"
  mv -Tf "$BERTH_HOME/$1.next" "$BERTH_HOME/$1"
}

read_settings() {
  health_url="" probe_timeout=5 interval=10 threshold=2 update_timeout=180 volume_owners="" one_shot="" create_later=""
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      BERTH_HEALTH_URL) health_url=$value ;;
      BERTH_HEALTH_PROBE_TIMEOUT_SECONDS) probe_timeout=$value ;;
      BERTH_HEALTH_INTERVAL_SECONDS) interval=$value ;;
      BERTH_HEALTHY_THRESHOLD) threshold=$value ;;
      BERTH_UPDATE_TIMEOUT_SECONDS) update_timeout=$value ;;
      BERTH_VOLUME_OWNERS) volume_owners=$value ;;
      BERTH_ONE_SHOT_SERVICES) one_shot=$value ;;
      BERTH_CREATE_LATER) create_later=$value ;;
      "" | "#"*) ;;
      *) log "ignoring unknown setting $key in $1/release.conf" ;;
    esac
  done <"$1/release.conf"
}

project_containers() {
  docker ps --all --quiet --filter "label=com.docker.compose.project=$BERTH_PROJECT" --filter "label=com.docker.compose.oneoff=False"
}

# 0 when every service of the release ($2: their names) has a running container and none is
# unhealthy or starting, and every one-shot service (BERTH_ONE_SHOT_SERVICES) has exited with status
# 0; prints "unhealthy" when Docker's own health check has failed or a one-shot service failed (no
# point in waiting longer).
containers_ready() {
  local service ids id state ready=0
  read_settings "$1"
  for service in $2; do
    if [[ " $one_shot " == *" $service "* ]]; then
      ids=$(docker ps --all --quiet --filter "label=com.docker.compose.project=$BERTH_PROJECT" --filter "label=com.docker.compose.service=$service")
      id=\${ids%%$'\n'*}
      state=""
      if [ -n "$id" ]; then state=$(docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$id"); fi
      case "$state" in
        "exited 0") ;;
        exited*) log "one-shot service $service exited with status \${state#exited }"; echo unhealthy; ready=1 ;;
        *) ready=1 ;;
      esac
      continue
    fi
    ids=$(docker ps --quiet --filter "label=com.docker.compose.project=$BERTH_PROJECT" --filter "label=com.docker.compose.service=$service")
    id=\${ids%%$'\n'*}
    if [ -z "$id" ]; then
      ready=1
      continue
    fi
    state=$(docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")
    case "$state" in
      "running " | "running healthy") ;;
      *unhealthy) echo unhealthy; ready=1 ;;
      *) ready=1 ;;
    esac
  done
  return "$ready"
}

# Every URL of BERTH_HEALTH_URL (one per public service, separated by spaces) must answer.
probe() {
  local urls url
  read -ra urls <<<"$health_url"
  for url in "\${urls[@]}"; do
    curl -fsS -o /dev/null --max-time "$probe_timeout" "$url" 2>/dev/null || return 1
  done
}

# Waits until the release passes its checks threshold times in a row, within update_timeout seconds.
wait_healthy() {
  read_settings "$1"
  local deadline=$((SECONDS + update_timeout)) passes=0 verdict services
  services=$("$here/berth-compose" "$1" config --services) || return 1
  while [ "$SECONDS" -lt "$deadline" ]; do
    if verdict=$(containers_ready "$1" "$services") && probe; then
      passes=$((passes + 1))
      if [ "$passes" -ge "$threshold" ]; then return 0; fi
    else
      passes=0
      if [[ $verdict == *unhealthy* ]]; then
        log "a container of release $(basename "$1") reports unhealthy"
        return 1
      fi
    fi
    sleep "$interval"
  done
  log "release $(basename "$1") did not pass its health check $threshold times in a row within $update_timeout s (probe: \${health_url:-container state})"
  return 1
}

# Gives the top directory of each named volume listed in $1 (name:uid:gid ..., BERTH_VOLUME_OWNERS)
# to its owner; what the app made inside keeps its owner. Run between creating the containers and
# starting them: creating a container copies the owner of the image's directory at the mount path
# onto a volume that is still empty, which would undo a chown made before. With $2 "existing", a
# volume that does not exist yet is left for later, in $unowned (see activate).
own_volumes() {
  local entry volume owner mountpoint
  unowned=""
  for entry in $1; do
    volume="\${BERTH_PROJECT}_\${entry%%:*}"
    owner=\${entry#*:}
    if [ "\${2:-}" = existing ] && ! docker volume inspect "$volume" >/dev/null 2>&1; then
      unowned="$unowned $entry"
      continue
    fi
    if ! mountpoint=$(docker volume inspect --format '{{.Mountpoint}}' "$volume") || ! chown "$owner" "$mountpoint"; then
      return 1
    fi
    log "volume $volume belongs to $owner"
  done
}

# Makes the release current and runs it: containers created (compose creates the named volumes),
# volumes owned, containers started. A service that waits for another to be healthy or to complete
# (BERTH_CREATE_LATER) is created only when compose starts the project (compose would wait for the
# condition while only creating); a volume that only such services mount is owned right after.
activate() {
  point current "$1"
  read_settings "$1"
  local services service first=()
  services=$("$here/berth-compose" "$1" config --services) || return 1
  for service in $services; do
    if [[ " $create_later " != *" $service "* ]]; then first+=("$service"); fi
  done
  "$here/berth-secrets" "$1" &&
    "$here/berth-compose" "$1" up --no-start --no-deps --remove-orphans "\${first[@]}" &&
    own_volumes "$volume_owners" existing &&
    "$here/berth-compose" "$1" up --detach --remove-orphans &&
    own_volumes "$unowned"
}

report() {
  log "containers of project $BERTH_PROJECT:"
  docker ps --all --filter "label=com.docker.compose.project=$BERTH_PROJECT" --format '  {{.Names}}  {{.Image}}  {{.Status}}' || true
  log "last log lines:"
  "$here/berth-compose" "$1" logs --tail 30 --no-color || true
}

# The image references of a release, one a line (its images file, or an earlier release's image file).
images_of() {
  cat "$1/image" 2>/dev/null || true
  cut -d = -f 2- "$1/images" 2>/dev/null || true
}

# Deletes releases other than current and good, with the images that only they used.
prune() {
  local keep_current keep_good release image kept
  keep_current=$(target_of current)
  keep_good=$(target_of good)
  kept=$(images_of "$keep_current"; images_of "$keep_good")
  for release in "$BERTH_HOME"/releases/*/; do
    release=\${release%/}
    if [ "$release" = "$keep_current" ] || [ "$release" = "$keep_good" ]; then continue; fi
    for image in $(images_of "$release"); do
      if ! grep -qxF -- "$image" <<<"$kept"; then
        docker image rm "$image" >/dev/null 2>&1 || true
      fi
    done
    rm -rf "$release"
  done
}

id=$(fingerprint "$1")
new="$BERTH_HOME/releases/$id"
current=$(target_of current)
good=$(target_of good)

# A re-run with the release that is already up and healthy changes nothing.
if [ "$current" = "$new" ] && [ -n "$(project_containers)" ] && read_settings "$new" && containers_ready "$new" "$("$here/berth-compose" "$new" config --services)" >/dev/null && probe; then
  log "release $id is already running and healthy"
  exit 0
fi

if [ ! -d "$new" ]; then
  rm -rf "$new.partial"
  cp -R "$1" "$new.partial"
  mv "$new.partial" "$new"
fi

log "deploying release $id (images: $(images_of "$new" | tr '\n' ' '))"
if ! "$here/berth-secrets" "$new" || ! "$here/berth-compose" "$new" pull; then
  log "cannot fetch the secrets or pull the images of release $id; the running release is unchanged"
  exit 1
fi

if activate "$new" && wait_healthy "$new"; then
  point good "$new"
  prune
  log "release $id is healthy"
  exit 0
fi

log "release $id failed"
report "$new"
if [ -n "$good" ] && [ "$good" != "$new" ] && [ -d "$good" ]; then
  log "rolling back to release $(basename "$good")"
  if activate "$good" && wait_healthy "$good"; then
    log "rolled back: release $(basename "$good") serves again"
  else
    log "the rolled-back release $(basename "$good") is not healthy either"
    report "$good"
  fi
else
  log "no earlier healthy release to roll back to; release $id stays in place"
fi
exit 1
`;
