import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { EXIT_CONFIGURATION, type SupervisorMessage } from '@causeway/runtime/internal';
import type { ServiceEntry } from '@causeway/suite';
import { RestartBudget, spawnSupervised, stopChild } from './supervisedProcess.ts';

interface Running {
  readonly service: ServiceEntry;
  child: ChildProcess | undefined;
  readonly restarts: RestartBudget;
  /** Overrides of the environment for this service: the port it first listened on, kept across restarts. */
  readonly env: Record<string, string>;
  ready: boolean;
  urls: readonly string[];
}

/** How `ready()` ends: every service ready, or the one line of the first that cannot start at all. */
export type Readiness = { readonly ok: true; readonly urls: readonly string[] } | { readonly ok: false; readonly line: string };

/**
 * Runs each service as its own process (as containers would), prefixes its
 * output with its id, restarts it when it dies with backoff, and gives up on
 * one that crashes 5 times within a minute instead of looping for ever. A
 * service reports over IPC when it is ready (with the URLs it serves) or that
 * it cannot start at all (a port in use): that one is not restarted.
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;
  private readonly readinessListeners = new Set<() => void>();
  private unusable: string | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly write: (line: string) => void,
  ) {}

  start(service: ServiceEntry): void {
    const state: Running = { service, child: undefined, restarts: new RestartBudget(), env: {}, ready: false, urls: [] };
    this.running.push(state);
    this.launch(state);
  }

  /** Resolves when every service has reported ready, or one cannot start, or after `timeoutMs`. */
  ready(timeoutMs: number): Promise<Readiness | undefined> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.unusable !== undefined) return finish({ ok: false, line: this.unusable });
        if (this.running.every((r) => r.ready)) return finish({ ok: true, urls: this.running.flatMap((r) => r.urls) });
        return undefined;
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const finish = (result: Readiness | undefined) => {
        clearTimeout(timer);
        this.readinessListeners.delete(check);
        resolve(result);
      };
      this.readinessListeners.add(check);
      check();
    });
  }

  private notify(): void {
    for (const listener of [...this.readinessListeners]) listener();
  }

  private launch(state: Running): void {
    const child = spawnSupervised(['--import', 'tsx', state.service.entry], { ...this.env, ...state.env });
    state.child = child;
    child.on('message', (message: SupervisorMessage) => {
      if (message?.type === 'ready') {
        state.ready = true;
        state.urls = message.urls;
        // PORT=0 picked a port: a restart keeps it, so clients and the printed URL stay right.
        const port = message.urls.map((u) => new URL(u).port).find(Boolean);
        if (port) state.env.PORT = port;
        this.notify();
      } else if (message?.type === 'unusable') {
        this.unusable ??= message.line;
        this.notify();
      }
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', (line) => this.write(`[${state.service.id}] ${line}`));
    }
    child.once('exit', (code, signal) => {
      state.child = undefined;
      state.ready = false;
      if (this.stopping) return;
      if (code === EXIT_CONFIGURATION) {
        this.write(`[supervisor] ${state.service.id} cannot start; not restarting it`);
        this.unusable ??= `${state.service.id} cannot start`;
        this.notify();
        return;
      }
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
