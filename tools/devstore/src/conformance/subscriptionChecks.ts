import { expect, it } from 'vitest';
import type { ConformanceClient, SeenEvent } from './ConformanceClient.ts';
import { events, uniqueName } from './conformanceHelpers.ts';

const ids = (seen: readonly SeenEvent[]) => seen.map((e) => e.id);

/** Catch-up then live, exclusive start points, filters with checkpoints, and the hand-over. */
export function subscriptionChecks(client: () => ConformanceClient, options: { filteredReadAll: boolean }): void {
  it('subscribes to a stream: confirmation, catch-up, caught-up, then live', async () => {
    const stream = uniqueName('conf-sub-');
    const before = events(3);
    await client().append(stream, before);
    const sub = client().subscribeToStream(stream, 'start');
    try {
      await sub.waitFor(() => sub.eventsAtCaughtUp !== undefined, 'caught-up');
      expect(sub.confirmed).toBe(true);
      expect(sub.eventsAtCaughtUp).toBe(3);
      const after = events(2, 'Live');
      await client().append(stream, after);
      await sub.waitFor(() => sub.events.length >= 5, 'live events');
      expect(ids(sub.events)).toEqual(ids([...before, ...after].map((e) => ({ id: e.id }) as SeenEvent)));
      expect(sub.events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    } finally {
      await sub.stop();
    }
  });

  it('starts a stream subscription after the given revision, or at the end', async () => {
    const stream = uniqueName('conf-subfrom-');
    await client().append(stream, events(4));
    const fromRevision = client().subscribeToStream(stream, 1n);
    const fromEnd = client().subscribeToStream(stream, 'end');
    try {
      await fromRevision.waitFor(() => fromRevision.events.length >= 2, 'events after revision 1');
      await fromEnd.waitFor(() => fromEnd.confirmed, 'confirmation');
      await client().append(stream, events(1, 'Next'));
      await fromRevision.waitFor(() => fromRevision.events.length >= 3, 'the live event');
      await fromEnd.waitFor(() => fromEnd.events.length >= 1, 'the live event');
      expect(fromRevision.events.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
      expect(fromEnd.events.map((e) => e.revision)).toEqual([4n]);
    } finally {
      await fromRevision.stop();
      await fromEnd.stop();
    }
  });

  it('subscribes to a stream that does not exist yet', async () => {
    const stream = uniqueName('conf-subnew-');
    const sub = client().subscribeToStream(stream, 'start');
    try {
      await sub.waitFor(() => sub.confirmed, 'confirmation');
      await client().append(stream, events(2));
      await sub.waitFor(() => sub.events.length >= 2, 'events');
      expect(sub.events.map((e) => e.revision)).toEqual([0n, 1n]);
    } finally {
      await sub.stop();
    }
  });

  it('filters $all by stream prefix with checkpoints, catching up then going live with no gap and no duplicate', async () => {
    const prefix = uniqueName('conf-pfx-');
    const a = `${prefix}-a`;
    const b = `${prefix}-b`;
    const other = uniqueName('conf-other-');
    const written: string[] = [];
    const appendTo = async (stream: string, count: number, from: number) => {
      const batch = events(count, 'Counted', from);
      await client().append(stream, batch);
      if (stream !== other) written.push(...batch.map((e) => e.id));
    };
    await appendTo(a, 3, 0);
    await appendTo(other, 3, 0);
    await appendTo(b, 2, 0);
    const sub = client().subscribeToAll('start', { on: 'stream', prefixes: [prefix], checkpointInterval: 1 });
    // Writes race the catch-up: the hand-over to live must neither drop nor repeat any of them.
    const racing = Promise.all(Array.from({ length: 20 }, (_, i) => appendTo(i % 2 ? a : b, 5, 100 + i * 5)));
    try {
      await racing;
      await sub.waitFor(() => sub.eventsAtCaughtUp !== undefined, 'caught-up');
      await appendTo(a, 4, 1000);
      await appendTo(other, 2, 1000);
      await sub.waitFor(() => sub.events.length >= written.length, 'every matching event');
      await appendTo(b, 1, 2000);
      await sub.waitFor(() => sub.events.length >= written.length, 'the last event');
      expect(sub.events.every((e) => e.streamId.startsWith(prefix))).toBe(true);
      expect(new Set(ids(sub.events)).size).toBe(sub.events.length);
      expect([...ids(sub.events)].sort()).toEqual([...written].sort());
      const commits = sub.events.map((e) => e.position?.commit ?? 0n);
      for (let i = 1; i < commits.length; i += 1) expect(commits[i]! > commits[i - 1]!).toBe(true);
      await sub.waitFor(() => sub.checkpoints.length > 0, 'a checkpoint');
    } finally {
      await sub.stop();
    }
  });

  it('subscribes to $all from the end: only events written afterwards', async () => {
    const stream = uniqueName('conf-allend-');
    await client().append(stream, events(2));
    const sub = client().subscribeToAll('end', { on: 'stream', prefixes: [stream] });
    try {
      await sub.waitFor(() => sub.confirmed, 'confirmation');
      await client().append(stream, events(1, 'After'));
      await sub.waitFor(() => sub.events.length >= 1, 'the new event');
      expect(sub.events.map((e) => [e.type, e.revision])).toEqual([['After', 2n]]);
    } finally {
      await sub.stop();
    }
  });

  it('filters $all by event type regex and starts after the given position', async () => {
    const stream = uniqueName('conf-type-');
    const type = uniqueName('Typed');
    const first = await client().append(stream, [...events(2, type), ...events(1, 'Ignored')]);
    const sub = client().subscribeToAll(first.position ?? 'start', { on: 'eventType', regex: `^${type}$` });
    try {
      await sub.waitFor(() => sub.eventsAtCaughtUp !== undefined, 'caught-up');
      await client().append(stream, [...events(1, 'Ignored'), ...events(2, type, 5)]);
      await sub.waitFor(() => sub.events.length >= 2, 'matching live events');
      expect(sub.events.map((e) => e.revision)).toEqual([4n, 5n]);
      expect(sub.events.every((e) => e.type === type)).toBe(true);
    } finally {
      await sub.stop();
    }
  });

  it.runIf(options.filteredReadAll)('filters a plain $all read by stream prefix and by event type', async () => {
    const prefix = uniqueName('conf-rfilter-');
    const type = uniqueName('Filtered');
    await client().append(`${prefix}-1`, events(3));
    await client().append(uniqueName('conf-rother-'), events(2, type));
    await client().append(`${prefix}-2`, [...events(1), ...events(1, type)]);
    const read = client().readAllFiltered;
    if (!read) throw new Error('client cannot filter readAll');
    const byStream = await read({ on: 'stream', prefixes: [prefix] }, { from: 'start' });
    expect(byStream.map((e) => e.streamId)).toEqual([`${prefix}-1`, `${prefix}-1`, `${prefix}-1`, `${prefix}-2`, `${prefix}-2`]);
    const byType = await read({ on: 'eventType', regex: `^${type}$` }, { from: 'start' });
    expect(byType).toHaveLength(3);
  });

  it('honours flow control: a subscriber that stops reading later gets everything, in order', async () => {
    const stream = uniqueName('conf-flow-');
    const sub = client().subscribeToStream(stream, 'start');
    try {
      await sub.waitFor(() => sub.confirmed, 'confirmation');
      sub.pause();
      // About 1.5 MB: far beyond the HTTP/2 and stream buffers, so the server must wait for the client.
      for (let i = 0; i < 30; i += 1)
        await client().append(
          stream,
          events(100, 'Flow', i * 100).map((e) => ({ ...e, data: { n: (e.data as { n: number }).n, pad: 'p'.repeat(400) } })),
        );
      sub.resume();
      await sub.waitFor(() => sub.events.length >= 3000, '3000 events after resuming');
      expect(sub.events.map((e) => e.revision)).toEqual(Array.from({ length: 3000 }, (_, i) => BigInt(i)));
    } finally {
      await sub.stop();
    }
  });

  it('catches up a subscription over many events in order', async () => {
    const prefix = uniqueName('conf-many-');
    for (let i = 0; i < 10; i += 1) await client().append(`${prefix}-${i % 3}`, events(200, 'Many', i * 200));
    const sub = client().subscribeToAll('start', { on: 'stream', prefixes: [prefix] });
    try {
      await sub.waitFor(() => sub.events.length >= 2000, '2000 events');
      await sub.waitFor(() => sub.eventsAtCaughtUp !== undefined, 'caught-up');
      expect(sub.events).toHaveLength(2000);
      expect(new Set(ids(sub.events)).size).toBe(2000);
    } finally {
      await sub.stop();
    }
  });
}
