import { useTestStores } from '../testing/useTestStores.ts';
import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { walletFixture, type WalletState } from '../testing/walletFixture.ts';
import { loadEntity } from './loadEntity.ts';
import type { Recorded } from '../messages/messages.ts';
import { runComponent } from './runComponent.ts';
import { streamNames } from '../messages/streamNames.ts';

const stores = useTestStores();
const store = () => stores.store();

// Each test uses its own category so components of different tests never see each other's commands.
const fixture = () => ({ ...walletFixture, name: `w${randomUUID().slice(0, 8)}`, category: `w${randomUUID().replace(/-/g, '').slice(0, 12)}` });
const deposit = (walletId: string, amount: number, id = randomUUID()) => ({ id, type: 'DepositFunds' as const, data: { walletId, amount, currency: 'EUR' } });
const readAll = async (stream: string) => {
  const out: Recorded[] = [];
  for await (const m of store().readStream(stream)) out.push(m);
  return out;
};
const balanceOf = async (def: ReturnType<typeof fixture>, id: string) => (await loadEntity(store(), def, id)).state.balance;

describe('runComponent', () => {
  it('handles commands: folds, decides, appends with causation and correlation', async () => {
    const def = fixture();
    const walletId = randomUUID();
    const first = deposit(walletId, 100);
    await store().append(streamNames.command(def.category, walletId), [first, deposit(walletId, 50)]);
    const running = await runComponent(def, { store: store() });
    await running.caughtUp;
    const events = await readAll(streamNames.entity(def.category, walletId));
    expect(events.map((e) => [e.type, (e.data as { balance: number }).balance])).toEqual([
      ['FundsDeposited', 100],
      ['FundsDeposited', 150],
    ]);
    expect(events[0]?.metadata).toMatchObject({ causationId: first.id, correlationId: first.id, schema: 'wallets/FundsDeposited@1' });
    await store().append(streamNames.command(def.category, walletId), [deposit(walletId, 25)]);
    await expect.poll(() => balanceOf(def, walletId)).toBe(175);
    await running.stop();
  });

  it('stores its position and resumes there; a replay from the start changes nothing', async () => {
    const def = fixture();
    const walletId = randomUUID();
    await store().append(streamNames.command(def.category, walletId), [deposit(walletId, 10), deposit(walletId, 20)]);
    const first = await runComponent(def, { store: store() });
    await first.caughtUp;
    await first.stop();
    const stored = await store().readLast(streamNames.checkpoint(def.name));
    expect(stored?.type).toBe('CheckpointRecorded');

    await store().append(streamNames.command(def.category, walletId), [deposit(walletId, 30)]);
    const second = await runComponent(def, { store: store() });
    await second.caughtUp;
    await second.stop();
    expect(await balanceOf(def, walletId)).toBe(60);

    // Forget the position: every command is delivered again, and recognised as handled.
    await store().client.deleteStream(streamNames.checkpoint(def.name));
    const replay = await runComponent(def, { store: store() });
    await replay.caughtUp;
    await replay.stop();
    const events = await readAll(streamNames.entity(def.category, walletId));
    expect(events).toHaveLength(3);
    expect(await balanceOf(def, walletId)).toBe(60);
  });

  it('records a poison command as CommandFailed after bounded retries and moves on', async () => {
    const def = fixture();
    const walletId = randomUUID();
    const cursed = deposit(walletId, 666);
    await store().append(streamNames.command(def.category, walletId), [deposit(walletId, 1), cursed, deposit(walletId, 2)]);
    const running = await runComponent(def, { store: store(), maxAttempts: 3 });
    await running.caughtUp;
    await running.stop();
    const events = await readAll(streamNames.entity(def.category, walletId));
    expect(events.map((e) => e.type)).toEqual(['FundsDeposited', 'CommandFailed', 'FundsDeposited']);
    expect(events[1]?.data).toMatchObject({
      commandId: cursed.id,
      commandType: 'DepositFunds',
      attempts: 3,
      error: { message: 'cursed amount', name: 'Error' },
    });
    expect(await balanceOf(def, walletId)).toBe(3);
  });

  it('records a command that breaks its contract instead of stalling', async () => {
    const def = fixture();
    const walletId = randomUUID();
    const bad = randomUUID();
    // Written around the MessageStore's validation, as a foreign or buggy writer might.
    await store().client.appendToStream(streamNames.command(def.category, walletId), [
      jsonEvent({ id: bad, type: 'DepositFunds', data: { walletId, amount: 'lots', currency: 'EUR' }, metadata: { schema: 'wallets/DepositFunds@1' } }),
    ]);
    await store().append(streamNames.command(def.category, walletId), [deposit(walletId, 5)]);
    const running = await runComponent(def, { store: store() });
    await running.caughtUp;
    await running.stop();
    const events = await readAll(streamNames.entity(def.category, walletId));
    expect(events.map((e) => e.type)).toEqual(['CommandFailed', 'FundsDeposited']);
    expect((events[0]?.data as { error: { message: string } }).error.message).toContain('data/amount must be an integer, got string "lots"');
  });

  it('20 writers racing on one entity end consistent: every command applied exactly once', async () => {
    const def = fixture();
    const walletId = randomUUID();
    const commands = Array.from({ length: 60 }, (_, i) => deposit(walletId, i + 1));
    await store().append(streamNames.command(def.category, walletId), commands);
    const writers = await Promise.all(Array.from({ length: 20 }, () => runComponent(def, { store: store(), conflictRetries: 200 })));
    await Promise.all(writers.map((w) => w.caughtUp));
    await Promise.all(writers.map((w) => w.stop()));
    const events = await readAll(streamNames.entity(def.category, walletId));
    expect(events).toHaveLength(60);
    expect(new Set(events.map((e) => e.metadata.causationId)).size).toBe(60);
    expect(await balanceOf(def, walletId)).toBe((60 * 61) / 2);
    // Balances recorded on the events are a running total: no lost update.
    const balances = events.map((e) => (e.data as { balance: number }).balance);
    expect(balances).toEqual([...balances].sort((a, b) => a - b));
  });

  it('writes snapshots every K events and loads from them', async () => {
    const def = fixture();
    const walletId = randomUUID();
    await store().append(
      streamNames.command(def.category, walletId),
      Array.from({ length: 25 }, () => deposit(walletId, 2)),
    );
    const running = await runComponent(def, { store: store(), snapshots: { every: 10 } });
    await running.caughtUp;
    await running.stop();
    const snapshots = await readAll(streamNames.entity(`${def.category}:snapshot`, walletId));
    expect(snapshots.map((s) => (s.data as { revision: string }).revision)).toEqual(['9', '19']);
    const viaSnapshot = await loadEntity(store(), def, walletId, { every: 10 });
    const full = await loadEntity(store(), def, walletId);
    expect(viaSnapshot.state).toEqual(full.state);
    expect(viaSnapshot.revision).toBe(24n);
    expect([...viaSnapshot.handled].sort()).toEqual([...full.handled].sort());
  });

  it('keeps running when a snapshot cannot be written (over the append limit), and says so', async () => {
    const base = fixture();
    // A state that no longer fits in one append: its snapshots are refused by the store.
    const def = {
      ...base,
      evolve: (state: WalletState, event: Parameters<typeof base.evolve>[1]) => ({ ...base.evolve(state, event), blob: 'x'.repeat(1_100_000) }),
    };
    const walletId = randomUUID();
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    await store().append(
      streamNames.command(def.category, walletId),
      Array.from({ length: 5 }, () => deposit(walletId, 1)),
    );
    const running = await runComponent(def, { store: store(), snapshots: { every: 2 }, logger });
    let stopped = false;
    running.closed.catch(() => (stopped = true));
    await running.caughtUp;
    await store().append(streamNames.command(def.category, walletId), [deposit(walletId, 1)]);
    await expect.poll(async () => (await readAll(streamNames.entity(def.category, walletId))).length).toBe(6);
    expect(stopped).toBe(false);
    await running.stop();
    const events = await readAll(streamNames.entity(def.category, walletId));
    expect(events.map((e) => e.type)).toEqual(Array(6).fill('FundsDeposited'));
    expect(await readAll(streamNames.entity(`${def.category}:snapshot`, walletId))).toEqual([]);
    expect(warnings.filter((w) => w.includes('snapshot not written')).length).toBe(3);
  });
});
