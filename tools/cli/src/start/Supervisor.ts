import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { ServiceEntry } from '@causeway/suite';
import { RestartBudget, spawnSupervised, stopChild } from './supervisedProcess.ts';

interface Running {
  readonly service: ServiceEntry;
  child: ChildProcess | undefined;
  readonly restarts: RestartBudget;
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
    const state: Running = { service, child: undefined, restarts: new RestartBudget() };
    this.running.push(state);
    this.launch(state);
  }

  private launch(state: Running): void {
    const child = spawnSupervised(['--import', 'tsx', state.service.entry], this.env);
    state.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', (line) => this.write(`[${state.service.id}] ${line}`));
    }
    child.once('exit', (code, signal) => {
      state.child = undefined;
      if (this.stopping) return;
      const { delayMs: delay, deathsInAMinute } = state.restarts.next();
      if (delay === undefined) {
        this.write(`[supervisor] ${state.service.id} crashed ${deathsInAMinute} times in a minute (last: ${signal ?? code}); not restarting it`);
        return;
      }
      this.write(`[supervisor] ${state.service.id} exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => !this.stopping && this.launch(state), delay).unref();
    });
  }

  /** SIGTERM to every service, then waits for them (SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.map((state) => stopChild(state.child, graceMs)));
  }
}
