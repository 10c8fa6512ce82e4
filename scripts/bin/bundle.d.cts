import type { BuildOptions } from "esbuild";

/**
 * Bundles `entry` into `outfile` (CommonJS; with `outdir`, `outfile` is the entry's output among
 * the files written there) unless the bundle is newer than every input; returns outfile.
 */
export function bundleIfStale(entry: string, outfile: string, options: BuildOptions): string;
