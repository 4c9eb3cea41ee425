import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevMongo } from '@causeway/devmongo';
import { startDevStore } from '@causeway/devstore';
import { alive, childrenOf, startSuiteDetached, storePid } from './testing/processTree.ts';

const bin = path.resolve(import.meta.dirname, '../bin/causeway.js');
const data = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

async function start(urls: { EVENTSTORE_URL: string; MONGO_URL: string } = { EVENTSTORE_URL: '', MONGO_URL: '' }, dataDir = data) {
  const child = spawn(process.execPath, [bin, 'start', '--no-services', '--data', dataDir], {
    env: { ...process.env, DEVSTORE_PORT: '0', DEVMONGO_PORT: '0', ...urls },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 30_000 }).toContain('ready: press Ctrl-C to stop');
  const url = /eventstore\s+(\S+)/.exec(out)?.[1] as string;
  const stop = async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    return { code: await exited, out };
  };
  return { url, stop, output: () => out, pid: child.pid as number, kill: () => child.kill('SIGKILL') };
}

/** `causeway start` with every service of the workspace, on free ports: its process and what it printed (stdout, stderr). */
function startWithServices(dir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'start', '--data', dir], {
    env: { ...process.env, DEVSTORE_PORT: '0', DEVMONGO_PORT: '0', PORT: '0', EVENTSTORE_URL: '', MONGO_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = { out: '', err: '' };
  child.stdout.on('data', (d: Buffer) => (printed.out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (printed.err += d.toString()));
  return { child, printed, output: () => printed.out + printed.err };
}

describe('causeway start', () => {
  it('runs durable embedded stores under the data folder, prints the URLs, stops cleanly, and continues from the stored data', async () => {
    const first = await start();
    expect(first.output()).toMatch(/mongodb\s+mongodb:\/\/127\.0\.0\.1:\d+/);
    const client = EventStoreDBClient.connectionString(first.url);
    await client.appendToStream('start-check', jsonEvent({ type: 'Noted', data: { n: 1 } }));
    await client.dispose();
    const stopped = await first.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.out).toContain('stopped');
    expect(readdirSync(data).sort()).toEqual(['eventstore', 'mongo']);

    const second = await start();
    const again = EventStoreDBClient.connectionString(second.url);
    const events = [];
    for await (const e of again.readStream('start-check')) events.push(e.event?.type);
    await again.dispose();
    expect(events).toEqual(['Noted']);
    expect((await second.stop()).code).toBe(0);
  });

  it('uses the servers EVENTSTORE_URL and MONGO_URL name, and starts no embedded store', async () => {
    const devstore = await startDevStore({ port: 0 });
    const devmongo = await startDevMongo({ port: 0 });
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-real-'));
    try {
      const run = await start({ EVENTSTORE_URL: devstore.url, MONGO_URL: devmongo.url }, elsewhere);
      expect(run.output()).toContain(`eventstore  ${devstore.url}\n`);
      expect(run.output()).toContain(`mongodb     ${devmongo.url}\n`);
      expect(run.output()).not.toContain('embedded');
      expect((await run.stop()).code).toBe(0);
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
      await devstore.close();
      await devmongo.close();
    }
  });

  it('runs each embedded store in its own process, restarts a store that dies on the same port with its data, and leaves none behind when killed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-procs-'));
    try {
      const run = await start(undefined, dir);
      const devstore = storePid(run.pid, 'devstore');
      const devmongo = storePid(run.pid, 'devmongo');
      expect(devstore).toBeDefined();
      expect(devmongo).toBeDefined();
      const client = EventStoreDBClient.connectionString(run.url);
      await client.appendToStream('crash-check', jsonEvent({ type: 'Noted', data: { n: 1 } }));

      process.kill(devstore as number, 'SIGKILL');
      await expect.poll(() => run.output(), { timeout: 30_000 }).toMatch(/devstore is back at esdb:\/\/127\.0\.0\.1:\d+/);
      expect(run.output()).toContain(`devstore is back at ${run.url}`);
      const restarted = storePid(run.pid, 'devstore');
      expect(restarted).toBeDefined();
      expect(restarted).not.toBe(devstore);
      // The same client, same URL: it reconnects to the restarted store and finds the event.
      await expect
        .poll(
          async () => {
            const types: string[] = [];
            for await (const e of client.readStream('crash-check')) types.push(e.event?.type ?? '');
            return types;
          },
          { timeout: 30_000 },
        )
        .toEqual(['Noted']);
      await client.dispose();

      // However the supervisor ends, its stores go with it (their stdin pipe closes).
      run.kill();
      await expect.poll(() => [restarted, devmongo].filter((pid) => alive(pid as number)), { timeout: 30_000 }).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits with the reason when a store cannot start, and leaves the other store stopped', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-taken-'));
    try {
      const child = spawn(process.execPath, [bin, 'start', '--no-services', '--data', dir], {
        env: { ...process.env, DEVSTORE_PORT: String(taken), DEVMONGO_PORT: '0', EVENTSTORE_URL: '', MONGO_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const pids: number[] = [];
      const sampler = setInterval(() => pids.push(...childrenOf(child.pid as number).map((c) => c.pid)), 50);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearInterval(sampler);
      expect(code).toBe(1);
      expect(out).toContain(`devstore exited (1) before it was ready`);
      expect(out).toContain(`could not listen on 127.0.0.1:${taken}`);
      expect(out).not.toContain('ready: press Ctrl-C');
      await expect.poll(() => [...new Set(pids)].filter(alive), { timeout: 15_000 }).toEqual([]);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with services: a kill -9 of causeway start takes every service and store down with it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-all-'));
    try {
      const { child, output } = startWithServices(dir, { LOG_LEVEL: 'info' });
      await expect.poll(output, { timeout: 60_000 }).toContain('gateway: listening on');
      const pids = childrenOf(child.pid as number)
        .filter((c) => / (devstore|devmongo) --port|\/src\/service\.ts/.test(c.cmdline))
        .map((c) => c.pid);
      // Both stores and every service of the workspace (12 today).
      expect(pids.length).toBeGreaterThanOrEqual(14);
      child.kill('SIGKILL');
      await expect.poll(() => pids.filter(alive), { timeout: 30_000 }).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
  it('with services: Ctrl-C (SIGINT to the whole process group, as a terminal sends it) under load leaves no process behind, twice running', async () => {
    // Reported: in 2 of 4 Ctrl-C stops a component was left with parent 1, ignoring SIGTERM. The
    // terminal signals every process at once, so the stores go while the services are still draining.
    for (const round of [1, 2]) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `causeway-start-ctrlc${round}-`));
      const { child, output } = startSuiteDetached(dir);
      let loading = true;
      try {
        await expect.poll(output, { timeout: 120_000 }).toContain('ready: press Ctrl-C to stop');
        const base = /web page\s+(http:\/\/\S+)\//.exec(output())?.[1] as string;
        const pids = childrenOf(child.pid as number).map((c) => c.pid);
        expect(pids.length).toBeGreaterThanOrEqual(14);
        const registered = await fetch(`${base}/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `ctrlc${round}@example.com`, displayName: 'Ctrl C', password: 'correct horse battery' }),
        });
        expect(registered.status).toBe(201);
        const { userId, token } = (await registered.json()) as { userId: string; token: string };
        let accepted = 0;
        // Deposits keep every consumer busy while the signal arrives.
        const load = (async () => {
          while (loading) {
            await fetch(`${base}/commands/DepositFunds`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ walletId: userId, amount: 1, currency: 'EUR' }),
            }).then(
              (r) => (accepted += r.status === 202 ? 1 : 0),
              () => undefined,
            );
          }
        })();
        await expect.poll(() => accepted, { timeout: 30_000 }).toBeGreaterThan(20);
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        process.kill(-(child.pid as number), 'SIGINT');
        await exited;
        loading = false;
        await load;
        await expect.poll(() => pids.filter(alive), { timeout: 30_000 }).toEqual([]);
      } finally {
        loading = false;
        if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 400_000);

  it('with services: says ready once every service is (the gateway listening), prints the web page, and a restarted gateway keeps the port PORT=0 gave it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-ready-'));
    const { child, printed } = startWithServices(dir, { LOG_LEVEL: 'warn' });
    try {
      await expect.poll(() => printed.out, { timeout: 120_000 }).toContain('ready: press Ctrl-C to stop');
      const listening = printed.out.indexOf('gateway: listening on http://127.0.0.1:');
      expect(listening).toBeGreaterThan(-1);
      expect(listening).toBeLessThan(printed.out.indexOf('ready: press Ctrl-C to stop'));
      const port = /gateway: listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(printed.out)?.[1] as string;
      expect(printed.out).toContain(`web page   http://127.0.0.1:${port}/`);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

      const gateway = childrenOf(child.pid as number).find((c) => c.cmdline.includes('applications/gateway/src/service.ts'));
      expect(gateway).toBeDefined();
      process.kill(gateway?.pid as number, 'SIGKILL');
      await expect.poll(() => printed.out.split('gateway: listening on').length, { timeout: 60_000 }).toBe(3);
      expect(printed.out.split('gateway: listening on')[2]).toMatch(new RegExp(`^ http://127\\.0\\.0\\.1:${port}\\n`));
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('with services: a port in use ends start with one line naming the port and the variable, and no restarts', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-start-port-'));
    try {
      const { child, printed } = startWithServices(dir, { PORT: String(taken), LOG_LEVEL: 'warn' });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(printed.err.trim().split('\n').at(-1)).toBe(
        `causeway: USAGE: gateway: the gateway does not start: port ${taken} is in use; set PORT to a free port (0 picks one)`,
      );
      expect(printed.out).not.toContain('restarting');
      expect(printed.out).not.toContain('ready: press Ctrl-C');
      expect(`${printed.out}${printed.err}`).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
