import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A workspace of its own, so `causeway start` keeps its data (and says where its stores are) under it.
const bin = path.resolve(import.meta.dirname, '../bin/causeway.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'causeway-running-'));
writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true, workspaces: [] }));
// No store named by the environment: the commands must find the running suite's.
const env: NodeJS.ProcessEnv = { ...process.env, EVENTSTORE_URL: '', MONGO_URL: '', DEVSTORE_PORT: '0', DEVMONGO_PORT: '0', LOG_LEVEL: 'silent' };
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const cli = (...args: string[]) => cliWith(env, ...args);
const cliWith = (withEnv: NodeJS.ProcessEnv, ...args: string[]) => cliIn(root, withEnv, ...args);
const cliIn = (cwd: string, withEnv: NodeJS.ProcessEnv, ...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: withEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

function follow(...args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => out, exited };
}

describe('CLI commands and a running suite', () => {
  it('find the stores of the suite running in the workspace on whatever ports it got, and say in one line when it is gone', async () => {
    const suite = follow('start', '--no-services');
    await expect.poll(suite.output, { timeout: 30_000 }).toContain('ready: press Ctrl-C to stop');
    expect(existsSync(path.join(root, '.causeway', 'suite.json'))).toBe(true);

    const walletId = randomUUID();
    const sent = await cli('send', 'DepositFunds', JSON.stringify({ walletId, amount: 5, currency: 'EUR' }), '--to', `wallet:${walletId}`);
    expect(sent.stderr).toBe('');
    expect(JSON.parse(sent.stdout)).toMatchObject({ stream: `wallet:command-${walletId}` });
    // This workspace has no aggregators: the answer (no such view) proves the store was reached.
    const views = await cli('views', 'dashboards');
    expect(views).toMatchObject({ status: 1, stderr: 'causeway: NOT_FOUND: no view collection dashboards; the views are none yet\n' });

    const tail = follow('tail');
    await expect.poll(tail.output, { timeout: 15_000 }).toContain('following every stream');
    suite.child.kill('SIGINT');
    expect(await suite.exited).toBe(0);
    expect(existsSync(path.join(root, '.causeway', 'suite.json'))).toBe(false);
    // The store went away under `tail`: it ends with one line, not an uncaught error.
    expect(await tail.exited).toBe(1);
    expect(tail.output().trim().split('\n').at(-1)).toMatch(/^causeway: UNAVAILABLE: the event store at \S+ does not answer/);

    // Nothing runs now: the default ports, pointed at one where nothing listens (others may hold the real defaults).
    const nothing = { ...env, DEVSTORE_PORT: '1', DEVMONGO_PORT: '1' };
    for (const args of [['status'], ['views', 'dashboards']]) {
      const out = await cliWith(nothing, ...args);
      expect(out.status, args.join(' ')).toBe(1);
      expect(out.stderr, args.join(' ')).toMatch(/^causeway: UNAVAILABLE: [^\n]+\n$/);
    }
    // seed and rebuild need the suite's parts: run them in this repository's workspace, against stores that are not there.
    const unreachable = { ...env, EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false', MONGO_URL: 'mongodb://127.0.0.1:1' };
    for (const args of [['rebuild', 'users'], ['seed', '--users', '1', '--auctions', '0'], ['status']]) {
      const out = await cliIn(import.meta.dirname, unreachable, ...args);
      expect(out.status, args.join(' ')).toBe(1);
      expect(out.stderr, args.join(' ')).toMatch(/^causeway: UNAVAILABLE: [^\n]+\n$/);
    }
  });
});
