import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BerthError } from "../../stacks/errors";

const GNU_TIME = "/usr/bin/time";

export interface Sample {
  readonly wallSeconds: number;
  readonly peakRssMiB: number;
}

/**
 * Runs a command once under GNU time and returns its wall time and peak resident memory
 * (the largest of the process and its children).
 */
export function measure(argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Sample {
  if (!existsSync(GNU_TIME)) {
    throw new BerthError(`Benchmarks need GNU time at ${GNU_TIME} to read peak memory; install it with: apt-get install time`);
  }
  const dir = mkdtempSync(join(tmpdir(), "berth-bench-"));
  const report = join(dir, "time.txt");
  try {
    const run = spawnSync(GNU_TIME, ["-o", report, "-f", "%e %M", ...argv], { cwd: options.cwd, env: options.env, encoding: "utf8" });
    if (run.status !== 0) throw new BerthError(`Benchmark command failed (exit ${run.status}): ${argv.join(" ")}\n${run.stderr}`);
    const [wall, rssKiB] = readFileSync(report, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
    return { wallSeconds: wall!, peakRssMiB: rssKiB! / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `argv` `runs` times and returns the medians. */
export function medians(argv: readonly string[], runs: number, options: { cwd: string; env?: NodeJS.ProcessEnv }): Sample {
  const samples = Array.from({ length: runs }, () => measure(argv, options));
  return { wallSeconds: median(samples.map((s) => s.wallSeconds)), peakRssMiB: median(samples.map((s) => s.peakRssMiB)) };
}

export function formatSample(label: string, sample: Sample): string {
  return `${label.padEnd(44)} ${sample.wallSeconds.toFixed(2).padStart(6)} s  ${sample.peakRssMiB.toFixed(0).padStart(5)} MiB`;
}
