import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CausewayError } from '@causeway/errors';
import { RestartBudget, spawnSupervised, stopChild } from './supervisedProcess.ts';

export type StoreKind = 'devstore' | 'devmongo';

export interface StoreProcessOptions {
  readonly kind: StoreKind;
  /** 0 picks a free port on the first start; restarts keep the port it got. */
  readonly port: number;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly write: (line: string) => void;
}

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/causeway.js');

/**
 * One embedded store (`causeway devstore` / `causeway devmongo`) in its own
 * process under `causeway start`. In the start process itself the two stores
 * shared one event loop with each other: under the gateway benchmark that one
 * loop was the busiest process of the suite, and every append waited behind
 * MongoDB work and the other way round. A store that dies is started again on
 * the same port and data folder (clients reconnect), with backoff, and given
 * up on after five deaths in a minute, as services are.
 */
export class StoreProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private readonly restarts = new RestartBudget();
  private port: number;
  url = '';

  private constructor(private readonly options: StoreProcessOptions) {
    this.port = options.port;
  }

  get kind(): StoreKind {
    return this.options.kind;
  }

  /** Resolves with the store once it prints its ready line (with the real port). */
  static async start(options: StoreProcessOptions): Promise<StoreProcess> {
    const store = new StoreProcess(options);
    store.url = await store.launch();
    return store;
  }

  private launch(): Promise<string> {
    const { kind, dataDir, env, write } = this.options;
    // Supervised: the store stops on our SIGTERM or when we are gone, not on the terminal's
    // Ctrl-C, which reaches the whole process group before the services have stopped.
    const child = spawnSupervised([bin, kind, '--port', String(this.port), '--data', dataDir], env);
    this.child = child;
    const stderrTail: string[] = [];
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      write(`[${kind}] ${line}`);
    });
    return new Promise<string>((resolve, reject) => {
      let ready = false;
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        const url = ready ? undefined : /^ready (\S+)/.exec(line)?.[1];
        if (!url) return write(`[${kind}] ${line}`);
        ready = true;
        this.port = Number(/:(\d+)(?=[/?]|$)/.exec(url)?.[1] ?? this.port);
        resolve(url);
      });
      child.once('exit', (code, signal) => {
        this.child = undefined;
        if (!ready) {
          reject(
            new CausewayError('INTERNAL', `${kind} exited (${signal ?? code}) before it was ready${stderrTail.length ? `: ${stderrTail.join('\n')}` : ''}`),
          );
          return;
        }
        if (!this.stopping) this.restartAfterCrash(`${signal ?? code}`);
      });
    });
  }

  private restartAfterCrash(how: string): void {
    const { kind, write } = this.options;
    const { delayMs: delay, deathsInAMinute } = this.restarts.next();
    if (delay === undefined) {
      write(`[supervisor] ${kind} crashed ${deathsInAMinute} times in a minute (last: ${how}); not restarting it`);
      return;
    }
    write(`[supervisor] ${kind} exited (${how}); restarting it on port ${this.port} in ${delay} ms`);
    setTimeout(() => {
      if (this.stopping) return;
      this.launch().then(
        (url) => write(`[supervisor] ${kind} is back at ${url}`),
        (error: unknown) => {
          write(`[supervisor] ${kind} did not come back: ${error instanceof Error ? error.message : String(error)}`);
          if (!this.stopping) this.restartAfterCrash('failed to start');
        },
      );
    }, delay).unref();
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    return stopChild(this.child, graceMs);
  }
}
