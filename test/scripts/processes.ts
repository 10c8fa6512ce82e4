import { readdirSync, readFileSync } from "node:fs";

/** Fields of /proc/<pid>/stat after the command name (proc(5)): [state, ppid, pgrp, …]. */
function statFields(pid: number | string): string[] {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").pop()!.split(" ");
}

/** The process group of a process (field 5 of /proc/<pid>/stat). */
export function processGroupOf(pid: number | string): number {
  return Number(statFields(pid)[2]);
}

/** Whether a process exists and is not a zombie (state Z). */
export function isAlive(pid: number | string): boolean {
  try {
    return statFields(pid)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Live processes whose command line contains `text`, as "pid: argv". */
export function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (argv.includes(text) && isAlive(pid)) found.push(`${pid}: ${argv}`);
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}
