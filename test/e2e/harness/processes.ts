/**
 * Cleans up every process a harness run started. code-server starts its extension host (and that host our language
 * server) outside its own process group, and Chromium leaves crashpad handlers re-parented to init, so killing one
 * group is not enough: we kill the whole descendant tree of the server, then anything whose command line names this
 * run's private temporary folder (unique per run, so no other process can match).
 */
import { readdirSync, readFileSync } from 'node:fs';

function processTable(): { pid: number; ppid: number; cmd: string }[] {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid, cmd });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function descendants(root: number, table: { pid: number; ppid: number }[]): number[] {
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of table) if (p.ppid === parent && !found.includes(p.pid)) (found.push(p.pid), queue.push(p.pid));
  }
  return found;
}

/** Process ids whose command line contains every one of `parts`. */
export function findProcesses(...parts: string[]): number[] {
  return processTable().filter((p) => parts.every((x) => p.cmd.includes(x))).map((p) => p.pid);
}

/** SIGKILLs `root`, its descendants and every process whose command line contains `marker`. */
export function killRun(root: number | undefined, marker: string): void {
  const table = processTable();
  const pids = new Set<number>([...(root ? [root, ...descendants(root, table)] : []), ...table.filter((p) => p.cmd.includes(marker)).map((p) => p.pid)]);
  pids.delete(process.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
