import { resourcesOf, type Rule } from "../types";

/** AWS access key ids, secret access key assignments, private keys and password assignments. */
const SECRET_PATTERNS = [
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /aws_secret_access_key\s*[=:]/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(?:password|passwd|secret|token)\s*[=:]\s*['"]?[^\s'"$]{6,}/i,
];

export const noSecretsInUserData: Rule = {
  id: "no-secrets-in-user-data",
  severity: "error",
  checkov: ["CKV_AWS_46"],
  securityHub: [],
  title: "EC2 user data carries no credentials (secrets are read at boot from SSM / Secrets Manager)",
  why: "User data is readable by anyone who can describe the instance and is kept in its launch history.",
  fix: "Put the value in SSM Parameter Store or Secrets Manager and reference it in secrets: { NAME: \"arn:...\" }.",
  evaluate: (stack) =>
    resourcesOf(stack, "aws_instance", "aws_launch_template")
      .map(([resource, instance]) => {
        const raw = String(instance.user_data ?? "");
        const encoded = String(instance.user_data_base64 ?? "");
        return { resource, text: `${raw}\n${encoded && !encoded.includes("${") ? Buffer.from(encoded, "base64").toString("utf8") : ""}` };
      })
      .filter(({ text }) => SECRET_PATTERNS.some((p) => p.test(text)))
      .map(({ resource }) => ({ resource, message: "user data looks like it contains a credential" })),
};
