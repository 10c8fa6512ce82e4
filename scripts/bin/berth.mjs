#!/usr/bin/env node
// The `berth` command.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

process.argv.splice(2, 0, join(dirname(fileURLToPath(import.meta.url)), "..", "cli", "berth.ts"));
await import("./run-ts.mjs");
