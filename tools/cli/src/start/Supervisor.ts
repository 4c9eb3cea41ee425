import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { ServiceEntry } from './findServices.ts';

/**
 * CAUSEWAY_SERVICE_NODE_ARGS: extra node flags for every service and store
 * process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (node refuses those in NODE_OPTIONS).
 */
export function serviceNodeArgs(env: NodeJS.ProcessEnv): string[] {
  return (env['CAUSEWAY_SERVICE_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
}

interface Running {
  readonly service: ServiceEntry;
  child: ChildProcess | undefined;
  restarts: number[];
}

/**
 * Runs each service as its own process (as containers would), prefixes its
 * output with its id, restarts it when it dies with backoff, and gives up on
 * one that crashes 5 times within a minute instead of looping for ever.
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly write: (line: string) => void,
  ) {}

  start(service: ServiceEntry): void {
    const state: Running = { service, child: undefined, restarts: [] };
    this.running.push(state);
    this.launch(state);
  }

  private launch(state: Running): void {
    // CAUSEWAY_SUPERVISED and the stdin pipe: the service stops when we are gone, however we ended.
    const child = spawn(process.execPath, [...serviceNodeArgs(this.env), '--import', 'tsx', state.service.entry], {
      env: { ...this.env, CAUSEWAY_SUPERVISED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    state.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', (line) => this.write(`[${state.service.id}] ${line}`));
    }
    child.once('exit', (code, signal) => {
      state.child = undefined;
      if (this.stopping) return;
      const now = Date.now();
      state.restarts = [...state.restarts.filter((t) => now - t < 60_000), now];
      if (state.restarts.length > 5) {
        this.write(`[supervisor] ${state.service.id} crashed ${state.restarts.length} times in a minute (last: ${signal ?? code}); not restarting it`);
        return;
      }
      const delay = 250 * 2 ** (state.restarts.length - 1);
      this.write(`[supervisor] ${state.service.id} exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => !this.stopping && this.launch(state), delay).unref();
    });
  }

  /** SIGTERM to every service, then waits for them (SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.running.map(
        (state) =>
          new Promise<void>((resolve) => {
            const child = state.child;
            if (!child) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
