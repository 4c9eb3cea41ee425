import { spawn, type ChildProcess } from 'node:child_process';

/**
 * CAUSEWAY_SERVICE_NODE_ARGS: extra node flags for every service and store
 * process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (node refuses those in NODE_OPTIONS).
 */
function serviceNodeArgs(env: NodeJS.ProcessEnv): string[] {
  return (env['CAUSEWAY_SERVICE_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Starts `node <CAUSEWAY_SERVICE_NODE_ARGS> <args>` under `causeway start`:
 * CAUSEWAY_SUPERVISED and a stdin pipe from us, which closes however we end
 * (even kill -9), so the child never outlives its supervisor (onSupervisorGone).
 */
export function spawnSupervised(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...serviceNodeArgs(env), ...args], {
    env: { ...env, CAUSEWAY_SUPERVISED: '1' },
    // fd 3 is the IPC channel a service reports readiness on (SupervisorMessage).
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
  });
}

/** Restarts with backoff (250 ms, doubling), and none past five deaths within a minute. */
export class RestartBudget {
  private deaths: number[] = [];

  /** Records a death; the delay before the restart, or undefined to give up. */
  next(): { delayMs: number | undefined; deathsInAMinute: number } {
    const now = Date.now();
    this.deaths = [...this.deaths.filter((t) => now - t < 60_000), now];
    const deathsInAMinute = this.deaths.length;
    return { delayMs: deathsInAMinute > 5 ? undefined : 250 * 2 ** (deathsInAMinute - 1), deathsInAMinute };
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
