import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevMongo, type DevMongo } from '@causeway/devmongo';
import { startDevStore, type DevStore } from '@causeway/devstore';

const bin = path.resolve(import.meta.dirname, '../bin/causeway.js');
let devstore: DevStore;
let devmongo: DevMongo;
let env: NodeJS.ProcessEnv;
// Asynchronous on purpose: the stores live in this process and must keep serving while the CLI runs.
const cli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { encoding: 'utf8', env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

beforeAll(async () => {
  devstore = await startDevStore({ port: 0 });
  devmongo = await startDevMongo({ port: 0 });
  env = { ...process.env, EVENTSTORE_URL: devstore.url, MONGO_URL: devmongo.url, MONGO_DB: 'cli', LOG_LEVEL: 'silent' };
});
afterAll(async () => {
  await devstore.close();
  await devmongo.close();
});

describe('operator commands', () => {
  it('views prints view documents without the runtime’s bookkeeping', async () => {
    const mongo = await new MongoClient(devmongo.url).connect();
    const id = randomUUID();
    await mongo
      .db('cli')
      .collection<{ _id: string; title: string; _position: string }>('auctions')
      .insertOne({ _id: id, title: 'Lamp', _position: '00000000000000000001/00000000000000000001' });
    await mongo.close();
    const out = await cli('views', 'auctions', '--id', id);
    expect(out.stderr).toContain('1 document(s)');
    expect(JSON.parse(out.stdout)).toEqual({ _id: id, title: 'Lamp' });
    expect((await cli('views', 'auctions', '--filter', '{bad')).stderr).toContain('MALFORMED_JSON');
    // A name that is no view: say so, and name the views there are, instead of "0 document(s)".
    const unknown = await cli('views', 'auctionz');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^causeway: NOT_FOUND: no view collection auctionz; the views are [^\n]*\bauctions\b[^\n]*\bdashboards\b/);
  });

  const walletId = randomUUID();

  it('send validates, writes to the routed or given stream, and streams read shows it', async () => {
    const sent = await cli('send', 'DepositFunds', JSON.stringify({ walletId, amount: 500, currency: 'EUR' }), '--to', `wallet:${walletId}`);
    expect(sent.stderr).toBe('');
    const out = JSON.parse(sent.stdout) as { commandId: string; stream: string; position: string };
    expect(out.stream).toBe(`wallet:command-${walletId}`);
    expect(out.position).toMatch(/^\d{20}\/\d{20}$/);
    const read = await cli('streams', 'read', `wallet:command-${walletId}`);
    expect(read.status).toBe(0);
    expect(read.stdout).toContain(`wallet:command-${walletId}@0`);
    expect(read.stdout).toContain('DepositFunds');
    expect(read.stdout).toContain('"amount":500');
    const json = await cli('streams', 'read', `wallet:command-${walletId}`, '--json');
    expect(JSON.parse(json.stdout.trim())).toMatchObject({ type: 'DepositFunds', revision: '0', data: { amount: 500 } });
  });

  it('send uses the route a package declares (SubmitBid → bidding:command-<bidId>)', async () => {
    const bidId = randomUUID();
    const sent = await cli('send', 'SubmitBid', JSON.stringify({ auctionId: randomUUID(), bidId, bidderId: walletId, walletId, amount: 100, currency: 'EUR' }));
    expect(sent.stderr).toBe('');
    expect(JSON.parse(sent.stdout)).toMatchObject({ stream: `bidding:command-${bidId}` });
  });

  it("send --user applies the gateway's rules: a PlaceBid no funds back, or acting for another user, is FORBIDDEN and writes nothing", async () => {
    const auctionId = randomUUID();
    const unfunded = await cli(
      'send',
      'PlaceBid',
      JSON.stringify({ auctionId, bidId: randomUUID(), bidderId: walletId, amount: 1_000_000_000, currency: 'EUR', reservationId: randomUUID() }),
      '--user',
      walletId,
    );
    expect(unfunded.status).toBe(1);
    expect(unfunded.stderr.trim()).toBe('causeway: FORBIDDEN: PlaceBid is sent by the system, not by users');
    const other = randomUUID();
    const forOther = await cli('send', 'DepositFunds', JSON.stringify({ walletId: other, amount: 5, currency: 'EUR' }), '--user', walletId);
    expect(forOther.stderr).toContain('FORBIDDEN');
    for (const stream of [`auction:command-${auctionId}`, `wallet:command-${other}`])
      expect((await cli('streams', 'read', stream)).stderr).toContain('does not exist');
    const own = await cli('send', 'DepositFunds', JSON.stringify({ walletId, amount: 5, currency: 'EUR' }), '--user', walletId);
    expect(own.stderr).toBe('');
  });

  it('send refuses bad input with every violation, and writes nothing', async () => {
    const other = randomUUID();
    const bad = await cli('send', 'DepositFunds', JSON.stringify({ walletId: other, amount: -5, currency: 'euro' }), '--to', `wallet:${other}`);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('VALIDATION_FAILED');
    expect(bad.stderr).toContain('data/amount must be an integer >= 1, got -5');
    expect(bad.stderr).toContain('data/currency must match the pattern');
    expect((await cli('send', 'DepositFunds', '{not json', '--to', `wallet:${other}`)).stderr).toContain('MALFORMED_JSON');
    expect((await cli('send', 'LaunchRocket', '{}')).stderr).toContain('UNKNOWN_MESSAGE_TYPE');
    expect((await cli('send', 'FundsDeposited', '{}')).stderr).toContain('is an event, not a command');
    const read = await cli('streams', 'read', `wallet:command-${other}`);
    expect(read.status).toBe(1);
    expect(read.stderr).toContain('does not exist');
  });

  it('tail follows new records live, filtered by category', async () => {
    const child = spawn(process.execPath, [bin, 'tail', '--category', 'wallet:command'], { env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await expect.poll(() => err).toContain('following wallet:command-');
    const id = randomUUID();
    await cli('send', 'DepositFunds', JSON.stringify({ walletId: id, amount: 7, currency: 'EUR' }), '--to', `wallet:${id}`);
    await cli('send', 'CloseAuction', JSON.stringify({ auctionId: id }), '--to', `auction:${id}`);
    await expect.poll(() => out).toContain(`wallet:command-${id}@0`);
    child.kill('SIGINT');
    expect(out).not.toContain(`auction:command-${id}`);
  });

  it('rebuild replays an aggregator and reports events/s; status lists every consumer with its lag', async () => {
    env.LOG_LEVEL = 'info';
    const rebuilt = await cli('rebuild', 'auction-board').finally(() => (env.LOG_LEVEL = 'silent'));
    expect(rebuilt.stderr).not.toContain('causeway:');
    // Only the progress bar on stderr: no JSON log line run into it.
    expect(rebuilt.stderr).not.toContain('{"level"');
    expect(rebuilt.stdout).toMatch(/^rebuilt auction-board: \d+ events in [\d.]+ s \(\d+ events\/s\)/);
    const status = await cli('status', '--json');
    expect(status.stderr).toBe('');
    const report = JSON.parse(status.stdout) as { head: string; consumers: { consumer: string; kind: string; lag: string }[] };
    expect(report.consumers.map((c) => `${c.kind}:${c.consumer}`)).toEqual(
      expect.arrayContaining(['saga:bidding', 'policy:settlement', 'aggregator:auction-board']),
    );
    expect(report.consumers.find((c) => c.consumer === 'auction-board')?.lag).toBe('0');
    expect(Number(report.consumers.find((c) => c.consumer === 'bidding')?.lag)).toBeGreaterThan(0);
    expect((await cli('rebuild', 'nope')).stderr).toContain('no aggregator nope');
  });
});
