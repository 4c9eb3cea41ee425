import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The newcomer's path: `npm start` (here: causeway start on free ports and a private data
// folder), then `causeway send`, then the result shows up in the views.
const bin = path.resolve(import.meta.dirname, '../bin/causeway.js');
const data = mkdtempSync(path.join(os.tmpdir(), 'causeway-suite-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

const run = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, stdout, stderr }),
    ),
  );

describe('the whole suite under causeway start', () => {
  it('runs every service; a command sent with causeway send shows up in the views', async () => {
    const child = spawn(process.execPath, [bin, 'start', '--data', data], {
      // PORT 0: the gateway takes a free port, so parallel runs never clash on 3000.
      env: { ...process.env, DEVSTORE_PORT: '0', DEVMONGO_PORT: '0', PORT: '0', EVENTSTORE_URL: '', MONGO_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await expect.poll(() => out, { timeout: 60_000 }).toContain('ready: press Ctrl-C to stop');
      expect(out).toMatch(/services\s+components\/auctions, components\/bidding, .*aggregators\/users/);
      const env = {
        ...process.env,
        EVENTSTORE_URL: /eventstore\s+(\S+)/.exec(out)?.[1],
        MONGO_URL: /mongodb\s+(\S+)/.exec(out)?.[1],
        LOG_LEVEL: 'silent',
      };
      const userId = randomUUID();
      const sent = await run(env, 'send', 'DepositFunds', JSON.stringify({ walletId: userId, amount: 2500, currency: 'EUR' }));
      expect(sent.stderr).toBe('');
      await expect
        .poll(async () => (await run(env, 'views', 'dashboards', '--id', userId)).stdout, { timeout: 60_000, interval: 250 })
        .toContain('"funds":{"EUR":{"balance":2500,"available":2500}}');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    expect(out).toContain('stopped');
  }, 240_000);
});
