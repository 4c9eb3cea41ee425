import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Proc {
  readonly ppid: number;
  readonly ticks: number;
  readonly name: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces, start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    const service = /(components|aggregators|applications)\/([\w-]+)\/src\/service\.ts/.exec(cmdline);
    const store = /causeway\.js (start|devstore|devmongo)\b/.exec(cmdline)?.[1];
    const name = service
      ? `${service[1]}/${service[2]}`
      : store
        ? store === 'start'
          ? 'causeway start (supervisor)'
          : `stores/${store}`
        : cmdline.slice(0, 60);
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), name };
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by `root` and every process under it, by name (Linux /proc; empty elsewhere). */
export function cpuByProcess(root: number): Map<string, number> {
  const procs = new Map<number, Proc>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const proc = readProc(Number(entry));
      if (proc) procs.set(Number(entry), proc);
    }
  } catch {
    return new Map();
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; hops += 1) {
      if (p === root) return true;
      p = procs.get(p)?.ppid ?? 0;
    }
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, proc] of procs) if (inTree(pid)) out.set(proc.name, (out.get(proc.name) ?? 0) + proc.ticks / TICKS_PER_SECOND);
  const self = process.cpuUsage();
  out.set('benchmark process (load generator + clients)', (self.user + self.system) / 1e6);
  return out;
}

/** The CPU seconds each process used between two samples, busiest first, as `name s`. */
export function cpuBetween(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, seconds: number): string {
  return [...after]
    .map(([name, s]) => [name, s - (before.get(name) ?? 0)] as const)
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${Math.round((s / seconds) * 100)}%`)
    .join(', ');
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat; zeros elsewhere. */
export function machineTicks(): { busy: number; total: number } {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}
