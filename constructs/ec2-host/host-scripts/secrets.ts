import { shellScript } from "../text";

/**
 * `berth-secrets RELEASE_DIR`: reads the release's secrets (RELEASE_DIR/secrets.refs, `NAME=ARN`
 * lines) from SSM Parameter Store or Secrets Manager with the instance role, into
 * $BERTH_RUN_DIR/secrets.env (0600, on tmpfs): NUL-separated `NAME=value` records, so that any value
 * survives byte for byte without quoting rules. berth-compose exports them for `docker compose`.
 */
export const SECRETS_SCRIPT = shellScript`#!/bin/bash
# berth-secrets: writes the app's secrets for one release into a 0600 env file.
set -euo pipefail

: "\${BERTH_RUN_DIR:=/run/berth}"
release=\${1:?usage: berth-secrets RELEASE_DIR}
export AWS_PAGER=""

# Prints the value of one secret: an SSM parameter ARN, or a Secrets Manager secret ARN optionally
# followed by :json-key:version-stage:version-id as ECS accepts it.
read_secret() {
  local arn=$1 service region
  service=$(cut -d : -f 3 <<<"$arn")
  region=$(cut -d : -f 4 <<<"$arn")
  case "$service" in
    ssm)
      aws ssm get-parameter --region "$region" --name "$arn" --with-decryption --query Parameter.Value --output text
      ;;
    secretsmanager)
      local secret_id json_key stage version secret
      secret_id=$(cut -d : -f 1-7 <<<"$arn")
      json_key=$(cut -d : -f 8 -s <<<"$arn")
      stage=$(cut -d : -f 9 -s <<<"$arn")
      version=$(cut -d : -f 10 -s <<<"$arn")
      local args=(--region "$region" --secret-id "$secret_id" --query SecretString --output text)
      if [ -n "$stage" ]; then args+=(--version-stage "$stage"); fi
      if [ -n "$version" ]; then args+=(--version-id "$version"); fi
      secret=$(aws secretsmanager get-secret-value "\${args[@]}")
      if [ -z "$json_key" ]; then
        printf '%s' "$secret"
      else
        BERTH_JSON_KEY=$json_key jq --raw-output \
          'if has(env.BERTH_JSON_KEY) then .[env.BERTH_JSON_KEY] | (if type == "string" then . else tojson end) else error("no key " + env.BERTH_JSON_KEY) end' <<<"$secret"
      fi
      ;;
    *)
      echo "berth-secrets: $arn is neither an SSM parameter nor a Secrets Manager secret ARN" >&2
      return 1
      ;;
  esac
}

umask 077
mkdir -p "$BERTH_RUN_DIR"
staged=$(mktemp "$BERTH_RUN_DIR/secrets.env.XXXXXX")
trap 'rm -f "$staged"' EXIT
count=0
if [ -f "$release/secrets.refs" ]; then
  while IFS='=' read -r name arn; do
    if [ -z "$name" ]; then continue; fi
    if ! value=$(read_secret "$arn"); then
      echo "berth-secrets: cannot read secret $name from $arn (does the instance role allow it, and does it exist?)" >&2
      exit 1
    fi
    printf '%s=%s\0' "$name" "$value" >>"$staged"
    count=$((count + 1))
  done <"$release/secrets.refs"
fi
chmod 0600 "$staged"
mv -f "$staged" "$BERTH_RUN_DIR/secrets.env"
trap - EXIT
echo "berth-secrets: wrote $count secret(s) to $BERTH_RUN_DIR/secrets.env"
`;
