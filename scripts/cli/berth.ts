/** Entry point of the `berth` command (scripts/bin/berth.mjs runs it). */
import { buildCli } from "./cli";

void buildCli().parseAsync(process.argv);
