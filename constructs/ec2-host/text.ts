/** Text helpers for the files the host is given: shell scripts, Terraform strings, key=value settings. */

/**
 * A shell script written as a tagged template: the text is taken raw (backslashes stay as the shell
 * wants them) and `\${` stands for a literal `${`. Interpolation is a type error, so a script is
 * always static text that takes its inputs from arguments and the environment.
 */
export function shellScript(strings: TemplateStringsArray, ...values: never[]): string {
  if (values.length > 0) throw new Error("shellScript takes no interpolated values");
  return strings.raw.join("").replaceAll("\\${", "${");
}

/**
 * Escapes Terraform template syntax (`${`, `%{`) so that a literal string reaches AWS unchanged:
 * cdktf passes strings to Terraform JSON as they are, where `${...}` would be interpolated.
 */
export function terraformLiteral(text: string): string {
  // Replacer functions: in a replacement string, "$$" would itself mean "$".
  return text.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
}

/** `KEY=value` lines for settings files that the host's scripts parse line by line (never source). */
export function settingsFile(settings: Readonly<Record<string, string | number>>): string {
  return Object.entries(settings)
    .map(([key, value]) => {
      const text = String(value);
      if (/[\n\r]/.test(text)) throw new Error(`setting ${key} must be one line, got ${JSON.stringify(text)}`);
      return `${key}=${text}\n`;
    })
    .join("");
}
