import { App } from "cdktf";
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { BerthError } from "../../stacks/errors";
import { buildStacks } from "../../stacks/app";
import type { ResolvedConfig } from "../../stacks/spec/resolve";
import { specWarnings, type SpecWarning } from "../../stacks/spec/warnings";
import { imageBuilds, type ImagePin } from "../images/manifest";
import { loadConfig } from "./load-config";
import { refuseWarnings, type StrictSettings } from "./strict";
import { formatPolicy, runPolicy, type PolicyReport, type SynthesizedStack } from "../../stacks/policy/run";
import { readStacks, writeSuppressions } from "../policy/stacks";

export interface StackSummary {
  readonly name: string;
  /** Resource count by Terraform type, e.g. `{ aws_ecr_repository: 1 }`. */
  readonly resources: Readonly<Record<string, number>>;
  readonly outputs: readonly string[];
}

export interface SynthResult {
  readonly config: ResolvedConfig;
  readonly outdir: string;
  readonly stacks: readonly StackSummary[];
  /** How each image is referenced: pinned by the digest in the image manifest, or by its content tag. */
  readonly images: readonly ImagePin[];
  /** Remarks of the stacks, e.g. that a service serves plain HTTP. */
  readonly notes: readonly string[];
  /** Likely mistakes in the spec that berth does not refuse (stacks/spec/warnings.ts). */
  readonly warnings: readonly SpecWarning[];
  /** What the policy rules (stacks/policy/) found on the stacks, and what the spec suppressed. */
  readonly policy: PolicyReport;
}

/**
 * Validates the spec, synthesizes every stack it asks for into `outdir` and summarizes them.
 * Images that `berth publish` recorded in `<spec folder>/.berth/images.json` for their current
 * content are pinned by digest; others by their content tag, computed offline from the sources.
 * In strict mode (`strict`, see scripts/strict.ts) a spec with warnings is refused before anything is written.
 */
export function synth(specPath: string, outdir?: string, strict?: StrictSettings): SynthResult {
  const config = loadConfig(specPath);
  if (strict) refuseWarnings(config, strict, specPath);
  return synthConfig(config, outdir);
}

/** synth() for a spec that is already loaded. */
export function synthConfig(config: ResolvedConfig, outdir?: string): SynthResult {
  const { builds, pins } = imageBuilds(config);
  // Without an explicit outdir, cdktf honours CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out.
  // cdktf's own validations only add "terraform version" probes that shell out to a terraform
  // binary (absent on review machines); the stacks declare required_version instead, and berth's
  // constructs validate their props when they are built.
  const app = new App({ ...(outdir ? { outdir } : {}), skipValidation: true });
  const notes = buildStacks(app, config, builds);
  app.synth();
  const stacks = readStacks(app.outdir);
  const policy = runPolicy(stacks, config.policy.suppress);
  writeSuppressions(app.outdir, config.policy.suppress);
  return { config, outdir: app.outdir, stacks: stacks.map(summarizeStack), images: pins, notes, warnings: specWarnings(config), policy };
}

/**
 * Refuses an output folder that synth cannot write, before anything is synthesized: cdktf creates
 * only the last folder of the path and would fail with ENOTDIR or ENOENT and a stack trace.
 */
export function checkOutDir(out: string): void {
  const dir = resolve(out);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) {
      throw new BerthError(`--out ${out}: is a file, not a folder; berth writes the stacks into a folder.\nPass a folder path (it is created if missing), e.g. --out cdktf.out, or move the file away.`);
    }
    return;
  }
  let existing = dirname(dir);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw new BerthError(`--out ${out}: ${existing} is a file, so no folder can be created in it.\nPass a path inside a folder, e.g. --out cdktf.out.`);
  }
  const parent = dirname(dir);
  if (existing !== parent) {
    throw new BerthError(
      `--out ${out}: the folder ${parent} does not exist; berth creates only the last folder of --out.\nCreate it first (mkdir -p ${parent}) or pass a path inside an existing folder.`,
    );
  }
}

function summarizeStack({ name, json }: SynthesizedStack): StackSummary {
  const resources = Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byId]) => [type, Object.keys(byId).length]));
  return { name, resources, outputs: Object.keys(json.output ?? {}) };
}

/** The lines `berth synth` prints. */
export function formatSummary(result: SynthResult, specPath: string): string {
  const { config } = result;
  const out = relative(process.cwd(), result.outdir);
  const shownOut = out === "" ? "." : out.startsWith("..") || isAbsolute(out) ? result.outdir : out;
  const lines = [`berth synth: ${config.app} (${config.stage}, ${config.region}) from ${specPath} -> ${shownOut}`];
  for (const stack of result.stacks) {
    const total = Object.values(stack.resources).reduce((a, b) => a + b, 0);
    const byType = Object.entries(stack.resources)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, n]) => `${type} x${n}`)
      .join(", ");
    lines.push(`  ${stack.name}: ${total} resource${total === 1 ? "" : "s"}${byType ? ` (${byType})` : ""}`);
    lines.push(`    outputs: ${stack.outputs.length > 0 ? stack.outputs.join(", ") : "none"}`);
  }
  for (const image of result.images) lines.push(`  image ${image.image}: ${image.reference ? `pinned ${image.reference} (${image.tag})` : image.note}`);
  for (const note of result.notes) lines.push(`  note: ${note}`);
  for (const warning of result.warnings) lines.push(`  warning: ${warning.path}: ${warning.message}`);
  for (const line of formatPolicy(result.policy)) lines.push(`  ${line}`);
  return lines.join("\n");
}
