import { BOOTSTRAP_SCRIPT } from "./bootstrap";
import { COMPOSE_SCRIPT } from "./compose";
import { DATA_VOLUME_SCRIPT } from "./data-volume";
import { SECRETS_SCRIPT } from "./secrets";
import { UPDATE_SCRIPT } from "./update";

/** Where the host's scripts live; they call each other from the same directory. */
export const SCRIPT_DIR = "/usr/local/sbin";

/** Scripts the user data installs: what the host needs before its first release. */
export const BOOT_SCRIPTS: Readonly<Record<string, string>> = {
  "berth-bootstrap": BOOTSTRAP_SCRIPT,
  "berth-data-volume": DATA_VOLUME_SCRIPT,
};

/**
 * Scripts the deploy document installs on every run: the release machinery, which so changes with
 * the document instead of replacing the instance (and keeps the user data under its 16 KB limit).
 */
export const DEPLOY_SCRIPTS: Readonly<Record<string, string>> = {
  "berth-update": UPDATE_SCRIPT,
  "berth-compose": COMPOSE_SCRIPT,
  "berth-secrets": SECRETS_SCRIPT,
};
