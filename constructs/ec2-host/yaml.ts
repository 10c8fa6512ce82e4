import { stringify } from "yaml";

/**
 * YAML for the host's consumers, which parse YAML 1.1 (PyYAML in cloud-init and docker-compose v1):
 * strings that 1.1 would read as numbers, booleans or times (`22:22`, `yes`, `0755`) get quoted.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: "1.1", lineWidth: 0 });
}
