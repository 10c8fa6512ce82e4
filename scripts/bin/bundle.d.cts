import type { BuildOptions } from "esbuild";

/** Bundles `entry` into `outfile` (CommonJS) unless the bundle is newer than every input; returns outfile. */
export function bundleIfStale(entry: string, outfile: string, options: BuildOptions): string;
