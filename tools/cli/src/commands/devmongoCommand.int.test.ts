import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/causeway.js', import.meta.url));

function runUntilReady(): Promise<{ line: string; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, [bin, 'devmongo', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        child.removeAllListeners('exit');
        resolve({ line: out, child });
      }
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  it(`prints one ready line with the real port, accepts connections, and exits cleanly on ${signal}`, async () => {
    const { line, child } = await runUntilReady();
    const match = /^ready mongodb:\/\/127\.0\.0\.1:(\d+)\n$/.exec(line);
    expect(match).not.toBeNull();
    const port = Number(match?.[1]);
    expect(port).toBeGreaterThan(0);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve();
      });
      socket.once('error', reject);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    expect(await exited).toBe(0);
  });
}
