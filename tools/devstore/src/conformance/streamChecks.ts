import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import type { ConformanceClient } from './ConformanceClient.ts';
import { events, failure, isMissing, uniqueName } from './conformanceHelpers.ts';

/** Append, read, expected revision, idempotence and bad input. */
export function streamChecks(client: () => ConformanceClient): void {
  it('appends events and reads them back with revisions, positions, data and metadata', async () => {
    const stream = uniqueName('conf-rw-');
    const proposed = events(3);
    const result = await client().append(stream, proposed, 'no_stream');
    expect(result.nextExpectedRevision).toBe(2n);
    expect(result.position?.commit).toBeGreaterThan(0n);
    const read = await client().readStream(stream);
    expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect(read.map((e) => e.id)).toEqual(proposed.map((e) => e.id));
    expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(read[0]?.metadata).toEqual({ correlationId: 'c-0' });
    expect(read.every((e) => e.isJson && e.type === 'Happened' && e.streamId === stream)).toBe(true);
    expect(Math.abs((read[0]?.created.getTime() ?? 0) - Date.now())).toBeLessThan(24 * 3600 * 1000);
    expect(read[2]?.position?.commit).toBe(result.position?.commit);
    const commits = read.map((e) => e.position?.commit ?? 0n);
    expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
  });

  it('reads backwards, from a revision, from the end and with a count', async () => {
    const stream = uniqueName('conf-dir-');
    await client().append(stream, events(5));
    expect((await client().readStream(stream, { backwards: true, from: 'end' })).map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
    expect((await client().readStream(stream, { from: 2n, maxCount: 2 })).map((e) => e.revision)).toEqual([2n, 3n]);
    expect((await client().readStream(stream, { from: 2n, backwards: true })).map((e) => e.revision)).toEqual([2n, 1n, 0n]);
    expect((await client().readStream(stream, { backwards: true, from: 'end', maxCount: 1 })).map((e) => e.revision)).toEqual([4n]);
    // Not checked: forwards from the end. @kurrent/kurrentdb-client's native bridge sends that as a backwards read.
  });

  it('reads a stream longer than one page in order', async () => {
    const stream = uniqueName('conf-long-');
    for (let i = 0; i < 12; i += 1) await client().append(stream, events(100, 'Bulk', i * 100));
    const read = await client().readStream(stream);
    expect(read).toHaveLength(1200);
    expect(read.every((e, i) => e.revision === BigInt(i) && (e.data as { n: number }).n === i)).toBe(true);
    const back = await client().readStream(stream, { backwards: true, from: 'end', maxCount: 700 });
    expect(back).toHaveLength(700);
    expect(back[699]?.revision).toBe(500n);
  });

  it('reads $all forwards and backwards in position order', async () => {
    const stream = uniqueName('conf-all-');
    const first = await client().append(stream, events(2));
    await client().append(stream, events(2, 'Happened', 2));
    const forwards = await client().readAll({
      from: first.position ? { commit: first.position.commit, prepare: first.position.prepare } : 'start',
      maxCount: 50,
    });
    const ours = forwards.filter((e) => e.streamId === stream);
    expect(ours.map((e) => e.revision)).toEqual([1n, 2n, 3n]);
    const backwards = await client().readAll({ from: 'end', backwards: true, maxCount: 200 });
    const oursBack = backwards.filter((e) => e.streamId === stream).map((e) => e.revision);
    expect(oursBack.slice(0, 4)).toEqual([3n, 2n, 1n, 0n]);
    for (let i = 1; i < backwards.length; i += 1) expect(backwards[i - 1]!.position!.commit > backwards[i]!.position!.commit).toBe(true);
  });

  it('reads $all backwards from a position, excluding the event at that position', async () => {
    const stream = uniqueName('conf-allback-');
    await client().append(stream, events(3));
    const [, , third] = await client().readStream(stream);
    const before = await client().readAll({ from: third?.position ?? 'end', backwards: true, maxCount: 2 });
    expect(before.map((e) => [e.streamId, e.revision])).toEqual([
      [stream, 1n],
      [stream, 0n],
    ]);
  });

  it('round-trips binary events', async () => {
    const stream = uniqueName('conf-bin-');
    await client().append(stream, [{ id: crypto.randomUUID(), type: 'Blob', data: undefined, binary: new Uint8Array([0, 1, 2, 255]) }]);
    const [read] = await client().readStream(stream);
    expect(read?.isJson).toBe(false);
    expect(Buffer.from(read?.data as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('reports a missing stream as StreamNotFound', async () => {
    await failure(client(), () => client().readStream(uniqueName('conf-missing-')), 'stream_not_found');
  });

  it('enforces expected revisions with the actual revision in the error', async () => {
    const stream = uniqueName('conf-wev-');
    const missing = await failure(client(), () => client().append(stream, events(1), 'stream_exists'), 'wrong_expected_version');
    expect(['no_stream', -1n]).toContain(missing.actual);
    await client().append(stream, events(3), 'no_stream');
    const noStream = await failure(client(), () => client().append(stream, events(1), 'no_stream'), 'wrong_expected_version');
    expect(noStream.actual).toBe(2n);
    const exact = await failure(client(), () => client().append(stream, events(1), 7n), 'wrong_expected_version');
    expect(exact.actual).toBe(2n);
    expect(exact.streamName).toBe(stream);
    expect((await client().append(stream, events(1), 2n)).nextExpectedRevision).toBe(3n);
    expect((await client().append(stream, events(1), 'stream_exists')).nextExpectedRevision).toBe(4n);
    expect((await client().append(stream, events(1), 'any')).nextExpectedRevision).toBe(5n);
    expect(await client().readStream(stream)).toHaveLength(6);
  });

  it('treats a repeated append of the same event ids as already done', async () => {
    const stream = uniqueName('conf-idem-');
    const batch = events(3);
    await client().append(stream, batch, 'no_stream');
    expect((await client().append(stream, batch, 'no_stream')).nextExpectedRevision).toBe(2n);
    expect((await client().append(stream, batch, 'any')).nextExpectedRevision).toBe(2n);
    const next = events(2);
    await client().append(stream, next, 2n);
    expect((await client().append(stream, next, 2n)).nextExpectedRevision).toBe(4n);
    expect((await client().readStream(stream)).map((e) => e.id)).toEqual([...batch, ...next].map((e) => e.id));
  });

  it('lets exactly one of many racing writers win each revision', async () => {
    const stream = uniqueName('conf-race-');
    await client().append(stream, events(1), 'no_stream');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => client().append(stream, events(1, 'Race', i), 0n)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      const classified = client().classifyError((lost as PromiseRejectedResult).reason);
      expect(classified.kind).toBe('wrong_expected_version');
      expect(classified.actual).toBe(1n);
    }
    expect(await client().readStream(stream)).toHaveLength(2);
  });

  it('refuses an append over the maximum append size and writes nothing', async () => {
    const stream = uniqueName('conf-big-');
    const big = 'x'.repeat(1024 * 1024 + 1024);
    await failure(client(), () => client().append(stream, [{ id: crypto.randomUUID(), type: 'Big', data: { big } }]), 'max_append_size');
    expect(await isMissing(client(), stream)).toBe(true);
  });

  it('refuses an invalid event id and writes nothing', async () => {
    const stream = uniqueName('conf-badid-');
    await expect(client().append(stream, [{ id: 'not-a-uuid', type: 'Bad', data: {} }])).rejects.toBeDefined();
    expect(await isMissing(client(), stream)).toBe(true);
  });

  it('refuses an empty stream name', async () => {
    await expect(client().append('', events(1))).rejects.toBeDefined();
    const after = await client().readAll({ from: 'end', backwards: true, maxCount: 20 });
    expect(after.some((e) => e.streamId === '')).toBe(false);
  });
}
