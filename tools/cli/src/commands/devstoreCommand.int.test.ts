import { spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/causeway.js', import.meta.url));

it('prints one ready line with the real port, accepts connections and exits cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [bin, 'devstore', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: string[] = [];
  const reader = readline.createInterface({ input: child.stdout });
  const [first] = await new Promise<string[]>((resolve) =>
    reader.on('line', (line) => {
      lines.push(line);
      resolve(lines);
    }),
  );
  const match = /^ready esdb:\/\/127\.0\.0\.1:(\d+)\?tls=false$/.exec(first ?? '');
  expect(match, first).not.toBeNull();
  const port = Number(match?.[1]);
  expect(port).toBeGreaterThan(0);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve();
    });
    socket.on('error', reject);
  });
  child.kill('SIGTERM');
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(lines).toHaveLength(1);
});
