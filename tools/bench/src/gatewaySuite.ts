import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli/bin/causeway.js');

/** The suite as `npm start` runs it: stores and every service, each service in its own process. */
export interface RunningSuite {
  readonly gatewayUrl: string;
  readonly eventstoreUrl: string;
  readonly mongoUrl: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `causeway start` with a private data folder and free ports (DEVSTORE_PORT,
 * DEVMONGO_PORT and PORT set to 0), and resolves once the gateway has printed the
 * URL it listens on. Service output is dropped except errors and crash notices,
 * which go to `progress` so a broken run says why.
 */
export async function startSuite(progress: (line: string) => void, timeoutMs = 120_000): Promise<RunningSuite> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'causeway-gateway-bench-'));
  const child = spawn(process.execPath, [cli, 'start', '--data', data], {
    env: { ...process.env, DEVSTORE_PORT: '0', DEVMONGO_PORT: '0', PORT: '0', EVENTSTORE_URL: '', MONGO_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const urls: { eventstore?: string; mongo?: string; gateway?: string } = {};
  let onLine: () => void = () => undefined;
  const watch = (input: NodeJS.ReadableStream) =>
    readline.createInterface({ input }).on('line', (line) => {
      const es = /^eventstore\s+(\S+)/.exec(line);
      const mg = /^mongodb\s+(\S+)/.exec(line);
      const gw = /gateway: listening on (http:\/\/\S+)/.exec(line);
      if (es) urls.eventstore = es[1];
      if (mg) urls.mongo = mg[1];
      if (gw) urls.gateway = gw[1];
      if (/error|crash|exited|supervisor/i.test(line) && !/JWT_SECRET/.test(line)) progress(`  suite: ${line.slice(0, 300)}`);
      onLine();
    });
  watch(child.stdout as NodeJS.ReadableStream);
  watch(child.stderr as NodeJS.ReadableStream);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.kill('SIGINT');
      await exited;
      clearTimeout(killer);
    }
    rmSync(data, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the suite did not start within ${timeoutMs} ms`)), timeoutMs);
      void exited.then(() => reject(new Error('causeway start exited before the gateway listened')));
      onLine = () => {
        if (urls.gateway && urls.eventstore && urls.mongo) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // The gateway binds 0.0.0.0 (service.ts has no HOST setting); the benchmark speaks to it on loopback only.
  const gatewayUrl = (urls.gateway as string).replace(/\/\/[^:/]+:/, '//127.0.0.1:');
  return { gatewayUrl, eventstoreUrl: urls.eventstore as string, mongoUrl: urls.mongo as string, child, stop };
}
