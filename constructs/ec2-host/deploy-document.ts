import { RELEASE_PARAMETERS } from "./release";
import { DEPLOY_SCRIPTS, SCRIPT_DIR } from "./host-scripts";
import { BERTH_HOME } from "./systemd";

const BASE64 = "^[A-Za-z0-9+/]*={0,2}$";
/**
 * `<service>=<reference>` of each service, separated by single spaces: a service name (a DNS label)
 * and an image reference (registry/name[:tag][@sha256:digest]); no quotes can reach the shell.
 */
const IMAGE = "[a-z][a-z0-9-]{0,19}=[A-Za-z0-9][A-Za-z0-9._/:@-]{0,1023}";
const IMAGES = `^${IMAGE}( ${IMAGE})*$`;

/** Seconds the deploy step waits for cloud-init's bootstrap on a new instance. */
export const BOOTSTRAP_WAIT_SECONDS = 900;
/** Seconds allowed for fetching secrets and pulling images. */
const PULL_ALLOWANCE_SECONDS = 600;

/** Seconds one run of the deploy document may take: bootstrap, pull, the new release's wait and a rollback's. */
export function deployTimeoutSeconds(updateTimeoutSeconds: number): number {
  return BOOTSTRAP_WAIT_SECONDS + PULL_ALLOWANCE_SECONDS + 2 * updateTimeoutSeconds;
}

/**
 * The shell commands of the deploy document: wait for the host's bootstrap, install the release
 * scripts (base64, so that SSM's `{{ }}` never meets their text), write the release from the
 * parameters (validated by allowedPattern, so the substitutions are inert), run berth-update.
 * POSIX sh: the agent runs the commands with /bin/sh.
 */
export function deployCommands(): string[] {
  const installs = Object.entries(DEPLOY_SCRIPTS).flatMap(([name, text]) => [
    `printf '%s' '${Buffer.from(text).toString("base64")}' | base64 -d >${SCRIPT_DIR}/${name}.next`,
    `chmod 0755 ${SCRIPT_DIR}/${name}.next`,
    `mv -f ${SCRIPT_DIR}/${name}.next ${SCRIPT_DIR}/${name}`,
  ]);
  const writes = Object.entries(RELEASE_PARAMETERS).map(
    ([file, parameter]) => `printf '%s' '{{ ${parameter} }}' | base64 -d >"$release/${file}"`,
  );
  return [
    "#!/bin/sh",
    "set -eu",
    `waited=0`,
    `until [ -e ${BERTH_HOME}/bootstrapped ]; do`,
    `  if [ -e ${BERTH_HOME}/bootstrap-failed ]; then cat ${BERTH_HOME}/bootstrap-failed; exit 1; fi`,
    `  if [ "$waited" -ge ${BOOTSTRAP_WAIT_SECONDS} ]; then echo "the host's bootstrap did not finish within ${BOOTSTRAP_WAIT_SECONDS} s; see /var/log/cloud-init-output.log"; exit 1; fi`,
    `  sleep 5`,
    `  waited=$((waited + 5))`,
    `done`,
    ...installs,
    `mkdir -p ${BERTH_HOME}/incoming`,
    `release=$(mktemp -d ${BERTH_HOME}/incoming/release.XXXXXX)`,
    `trap 'rm -rf "$release"' EXIT`,
    ...writes,
    `printf '%s\\n' '{{ images }}' | tr ' ' '\\n' >"$release/images"`,
    `${SCRIPT_DIR}/berth-update "$release"`,
  ];
}

/** The SSM Command document (schema 2.2) that deploys a release on the host. */
export function deployDocument(name: string, updateTimeoutSeconds: number): string {
  const releaseParameters = Object.fromEntries(
    Object.entries(RELEASE_PARAMETERS).map(([file, parameter]) => [
      parameter,
      { type: "String", description: `${file} of the release, base64-encoded`, default: "", allowedPattern: BASE64 },
    ]),
  );
  return JSON.stringify(
    {
      schemaVersion: "2.2",
      description: `berth: deploy a release of ${name} to its host, and roll back to the last healthy release if the new one fails its health check`,
      parameters: {
        images: { type: "String", description: "<service>=<image reference, pinned by digest> of each of the app's services, separated by spaces", allowedPattern: IMAGES },
        ...releaseParameters,
      },
      mainSteps: [
        {
          action: "aws:runShellScript",
          name: "deploy",
          inputs: { timeoutSeconds: String(deployTimeoutSeconds(updateTimeoutSeconds)), runCommand: deployCommands() },
        },
      ],
    },
    null,
    2,
  );
}
