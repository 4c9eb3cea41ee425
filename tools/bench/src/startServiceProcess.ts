import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli/bin/causeway.js');

/**
 * Starts `causeway devstore` or `causeway devmongo` as its own process (as in
 * production, the store does not share the benchmark's event loop) and
 * resolves with the URL from its ready line.
 */
export async function startServiceProcess(
  kind: 'devstore' | 'devmongo',
  dataDir: string,
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [cli, kind, '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  for await (const line of readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (line.startsWith('ready ')) {
      const url = line.slice('ready '.length);
      const stop = () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      return { url, child, stop };
    }
  }
  throw new Error(`causeway ${kind} exited before it was ready`);
}
