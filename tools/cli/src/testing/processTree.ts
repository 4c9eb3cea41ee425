import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** The CLI's entry point, as `npx causeway` runs it. */
export const causewayBin = path.resolve(import.meta.dirname, '../../bin/causeway.js');

/** The processes whose parent is `parent`, with their command lines (Linux /proc). */
export function childrenOf(parent: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) continue;
      found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // Gone between listing and reading.
    }
  }
  return found;
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of an embedded store that `causeway start` (process `parent`) runs. */
export const storePid = (parent: number, kind: 'devstore' | 'devmongo'): number | undefined =>
  childrenOf(parent).find((c) => c.cmdline.includes(` ${kind} --port`))?.pid;

/**
 * `causeway start` with every service, on free ports, in a process group of its own (so a test can
 * signal the whole tree as a terminal does, or kill it whole): the process and all it printed.
 */
export function startSuiteDetached(dataDir: string): { child: ChildProcessByStdio<null, Readable, Readable>; output: () => string } {
  const child = spawn(process.execPath, [causewayBin, 'start', '--data', dataDir], {
    env: { ...process.env, DEVSTORE_PORT: '0', DEVMONGO_PORT: '0', PORT: '0', EVENTSTORE_URL: '', MONGO_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}
