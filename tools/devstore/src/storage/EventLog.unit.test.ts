import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from './EventLog.ts';
import type { ProposedEvent } from './types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devstore-log-'));
  dirs.push(dir);
  return dir;
}

const proposed = (count: number, type = 'T'): ProposedEvent[] =>
  Array.from({ length: count }, () => ({ id: crypto.randomUUID(), type, contentType: 'application/json', data: Buffer.from('{}'), metadata: Buffer.alloc(0) }));

describe('EventLog', () => {
  it('group-commits writes that arrive together into one transaction, each judged on its own', async () => {
    const log = new EventLog();
    const before = log.commits;
    const outcomes = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => log.write({ kind: 'append', stream: `s-${i % 4}`, expected: { kind: 'any' }, events: proposed(2) })),
      log.write({ kind: 'append', stream: 's-0', expected: { kind: 'no_stream' }, events: proposed(1) }),
    ]);
    expect(log.commits - before).toBe(1);
    const positions = outcomes.slice(0, 40).map((o) => (o.kind === 'ok' ? o.position : -1));
    expect(positions).toEqual([...positions].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(positions).size).toBe(40);
    // The last write saw the earlier ones of its own transaction.
    expect(outcomes[40]).toMatchObject({ kind: 'wrong_expected_version', current: 19 });
    log.close();
  });

  it('wakes waiting readers after a commit', async () => {
    const log = new EventLog();
    const woken = log.waitForCommit();
    await log.write({ kind: 'append', stream: 'w', expected: { kind: 'any' }, events: proposed(1) });
    await expect(woken).resolves.toBeUndefined();
    log.close();
  });

  it('keeps events, positions and stream states across a reopen', async () => {
    const dataDir = tempDir();
    const first = new EventLog({ dataDir });
    const batch = proposed(3);
    const appended = await first.write({ kind: 'append', stream: 'kept', expected: { kind: 'no_stream' }, events: batch });
    await first.write({ kind: 'append', stream: 'soft', expected: { kind: 'any' }, events: proposed(2) });
    await first.write({ kind: 'delete', stream: 'soft', expected: { kind: 'any' } });
    await first.write({ kind: 'append', stream: 'hard', expected: { kind: 'any' }, events: proposed(1) });
    await first.write({ kind: 'tombstone', stream: 'hard', expected: { kind: 'any' } });
    const all = first.readAll('forwards', 0, 100);
    first.close();

    const second = new EventLog({ dataDir });
    expect(second.readAll('forwards', 0, 100)).toEqual(all);
    expect(second.streamInfo('soft').kind).toBe('missing');
    expect(second.streamInfo('hard').kind).toBe('deleted');
    // Exact expectations stay idempotent after a restart: they are checked against the log, not a cache.
    const again = await second.write({ kind: 'append', stream: 'kept', expected: { kind: 'no_stream' }, events: batch });
    expect(again).toEqual(appended);
    const recreated = await second.write({ kind: 'append', stream: 'soft', expected: { kind: 'no_stream' }, events: proposed(1) });
    expect(recreated).toMatchObject({ kind: 'ok', revision: 2 });
    second.close();
  });

  it('refuses a repeat whose ids only partly match what is there', async () => {
    const log = new EventLog();
    const batch = proposed(2);
    await log.write({ kind: 'append', stream: 'p', expected: { kind: 'no_stream' }, events: batch });
    const mixed = [batch[0]!, ...proposed(1)];
    expect(await log.write({ kind: 'append', stream: 'p', expected: { kind: 'no_stream' }, events: mixed })).toMatchObject({
      kind: 'wrong_expected_version',
      current: 1,
    });
    expect(await log.write({ kind: 'append', stream: 'p', expected: { kind: 'any' }, events: mixed })).toMatchObject({ kind: 'wrong_expected_version' });
    log.close();
  });

  it('answers stream_exists like EventStoreDB: deleted when soft-deleted, fine when only metadata exists', async () => {
    const log = new EventLog();
    await log.write({ kind: 'append', stream: 'gone', expected: { kind: 'any' }, events: proposed(1) });
    await log.write({ kind: 'delete', stream: 'gone', expected: { kind: 'any' } });
    expect(await log.write({ kind: 'append', stream: 'gone', expected: { kind: 'stream_exists' }, events: proposed(1) })).toEqual({ kind: 'stream_deleted' });
    const metadata: ProposedEvent = {
      id: crypto.randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: Buffer.from('{"$maxCount":5}'),
      metadata: Buffer.alloc(0),
    };
    await log.write({ kind: 'append', stream: '$$configured', expected: { kind: 'any' }, events: [metadata] });
    expect(await log.write({ kind: 'append', stream: 'configured', expected: { kind: 'stream_exists' }, events: proposed(1) })).toMatchObject({
      kind: 'ok',
      revision: 0,
    });
    expect(await log.write({ kind: 'append', stream: 'never', expected: { kind: 'stream_exists' }, events: proposed(1) })).toMatchObject({
      kind: 'wrong_expected_version',
    });
    log.close();
  });

  it('pages a stream honouring $maxCount and $tb', async () => {
    const log = new EventLog();
    await log.write({ kind: 'append', stream: 'm', expected: { kind: 'any' }, events: proposed(10) });
    const metadata: ProposedEvent = {
      id: crypto.randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: Buffer.from('{"$maxCount":5,"$tb":7}'),
      metadata: Buffer.alloc(0),
    };
    await log.write({ kind: 'append', stream: '$$m', expected: { kind: 'any' }, events: [metadata] });
    const info = log.streamInfo('m');
    if (info.kind !== 'ok') throw new Error(info.kind);
    expect(log.readStream('m', info, 'forwards', 0, 100).map((e) => e.revision)).toEqual([7, 8, 9]);
    expect(log.readStream('m', info, 'backwards', 100, 2).map((e) => e.revision)).toEqual([9, 8]);
    log.close();
  });
});

describe('EventLog data directory', () => {
  it('recognises a repeated any / stream_exists append after a restart, from the events last written', async () => {
    const dataDir = tempDir();
    const first = new EventLog({ dataDir });
    const byAny = proposed(3);
    const byExists = proposed(2);
    await first.write({ kind: 'append', stream: 'cmd-1', expected: { kind: 'any' }, events: proposed(1) });
    const anyOutcome = await first.write({ kind: 'append', stream: 'cmd-1', expected: { kind: 'any' }, events: byAny });
    const existsOutcome = await first.write({ kind: 'append', stream: 'cmd-1', expected: { kind: 'stream_exists' }, events: byExists });
    const before = first.readAll('forwards', 0, 100);
    first.close();

    const second = new EventLog({ dataDir });
    expect(await second.write({ kind: 'append', stream: 'cmd-1', expected: { kind: 'any' }, events: byAny })).toEqual(anyOutcome);
    expect(await second.write({ kind: 'append', stream: 'cmd-1', expected: { kind: 'stream_exists' }, events: byExists })).toEqual(existsOutcome);
    expect(second.readAll('forwards', 0, 100)).toEqual(before);
    second.close();
  });

  it('rebuilds only the window of the last ids written, as it was before the restart', async () => {
    const dataDir = tempDir();
    const first = new EventLog({ dataDir, recentIdCapacity: 3 });
    const singles = Array.from({ length: 5 }, () => proposed(1));
    for (const events of singles) await first.write({ kind: 'append', stream: 'w', expected: { kind: 'any' }, events });
    first.close();

    const second = new EventLog({ dataDir, recentIdCapacity: 3 });
    // The newest three are inside the window: repeats write nothing.
    for (const [i, events] of singles.slice(2).entries())
      expect(await second.write({ kind: 'append', stream: 'w', expected: { kind: 'any' }, events })).toMatchObject({ kind: 'ok', revision: i + 2 });
    // The oldest fell out of it, as it would have without the restart: with `any` it is appended again.
    expect(await second.write({ kind: 'append', stream: 'w', expected: { kind: 'any' }, events: singles[0]! })).toMatchObject({ kind: 'ok', revision: 5 });
    second.close();
  });

  it('refuses a second store on a directory that is in use', () => {
    const dataDir = tempDir();
    const first = new EventLog({ dataDir });
    expect(() => new EventLog({ dataDir })).toThrow(/in use by another process/);
    first.close();
    const again = new EventLog({ dataDir });
    again.close();
  });

  it('serves recent $all reads from memory exactly as SQLite serves them after a restart', async () => {
    const dataDir = tempDir();
    const log = new EventLog({ dataDir });
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => log.write({ kind: 'append', stream: `t-${i % 3}`, expected: { kind: 'any' }, events: proposed(3) })),
      log.write({ kind: 'append', stream: 't-0', expected: { kind: 'exact', revision: 0 }, events: proposed(1) }),
      log.write({ kind: 'delete', stream: 't-1', expected: { kind: 'any' } }),
      log.write({ kind: 'tombstone', stream: 't-2', expected: { kind: 'any' } }),
      log.write({ kind: 'append', stream: '$$t-0', expected: { kind: 'any' }, events: proposed(1, '$metadata') }),
    ]);
    const fromMemory = log.readAll('forwards', 0, 1_000);
    const middle = log.readAll('forwards', 40, 7);
    // Served from the in-memory tail: the same event objects each time (so their encoding is shared).
    expect(log.readAll('forwards', 40, 1)[0]).toBe(middle[0]);
    log.close();
    const reopened = new EventLog({ dataDir });
    const strip = (events: readonly object[]) => events.map((e) => ({ ...e }));
    expect(fromMemory.length).toBeGreaterThan(90);
    expect(strip(fromMemory)).toEqual(strip(reopened.readAll('forwards', 0, 1_000)));
    expect(strip(middle)).toEqual(strip(reopened.readAll('forwards', 40, 7)));
    reopened.close();
  });
});
