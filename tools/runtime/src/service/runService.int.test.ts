import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const entry = path.join(import.meta.dirname, '..', 'testing', 'serviceChild.ts');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function startService(supervised: boolean, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    // Nothing listens there: MessageStore connects lazily, and a service with no parts never calls.
    env: { ...process.env, EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false', LOG_LEVEL: 'info', ...(supervised ? { CAUSEWAY_SUPERVISED: '1' } : {}), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 20_000 }).toContain('ready');
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => out };
}

it('under causeway start, a service exits once its supervisor is gone (its stdin pipe closes)', async () => {
  const service = await startService(true);
  service.child.stdin.end();
  expect(await service.exited).toBe(0);
});

it('run on its own, a service ignores its stdin and stops on SIGTERM', async () => {
  const service = await startService(false);
  service.child.stdin.end();
  const early = await Promise.race([service.exited, new Promise((resolve) => setTimeout(() => resolve('running'), 1_000))]);
  expect(early).toBe('running');
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
});

it('a service whose parts cannot stop (a store gone mid-drain) still exits within its stop deadline after SIGTERM', async () => {
  const service = await startService(false, { CHILD_STUCK_PART: '1' });
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(1);
  expect(service.output()).toContain('child: not stopped after 5000 ms; exiting anyway');
});

it('a second signal while stopping ends the service at once', async () => {
  const service = await startService(false, { CHILD_STUCK_PART: '1' });
  service.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 200));
  service.child.kill('SIGINT');
  expect(await service.exited).toBe(1);
  expect(service.output()).not.toContain('not stopped after');
});

it('with METRICS_PORT, a service serves /health/live, and /health/ready is 503 naming the store that does not answer', async () => {
  const free = net.createServer();
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
  const port = (free.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => free.close(() => resolve()));
  const service = await startService(false, { METRICS_PORT: String(port) });
  expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
  const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
  expect(ready.status).toBe(503);
  expect(Object.keys(((await ready.json()) as { failing: Record<string, string> }).failing)).toEqual(['eventstore']);
  expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('# TYPE causeway_messages_handled_total counter');
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
});
