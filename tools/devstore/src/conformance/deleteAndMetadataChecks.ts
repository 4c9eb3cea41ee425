import { expect, it } from 'vitest';
import type { ConformanceClient } from './ConformanceClient.ts';
import { events, failure, isMissing, uniqueName } from './conformanceHelpers.ts';

/** Soft delete and re-creation, tombstones, and metadata honoured on reads. */
export function deleteAndMetadataChecks(client: () => ConformanceClient): void {
  it('soft-deletes a stream, which can then be re-created with continuing revisions', async () => {
    const stream = uniqueName('conf-del-');
    await client().append(stream, events(3));
    const deleted = await client().deleteStream(stream, 2n);
    expect(deleted?.commit).toBeGreaterThan(0n);
    expect(await isMissing(client(), stream)).toBe(true);
    const recreated = await client().append(stream, events(2, 'Again'), 'no_stream');
    expect(recreated.nextExpectedRevision).toBe(4n);
    const read = await client().readStream(stream);
    expect(read.map((e) => [e.revision, e.type])).toEqual([
      [3n, 'Again'],
      [4n, 'Again'],
    ]);
    expect(Number((await client().getStreamMetadata(stream)).truncateBefore)).toBe(3);
  });

  it('refuses a delete with the wrong expected revision', async () => {
    const stream = uniqueName('conf-delwev-');
    await client().append(stream, events(2));
    const wrong = await failure(client(), () => client().deleteStream(stream, 5n), 'wrong_expected_version');
    expect(wrong.actual).toBe(1n);
    expect(await client().readStream(stream)).toHaveLength(2);
  });

  it('shows deletes as system events in $all', async () => {
    const stream = uniqueName('conf-sys-');
    await client().append(stream, events(1));
    await client().deleteStream(stream);
    const recent = await client().readAll({ from: 'end', backwards: true, maxCount: 50 });
    const meta = recent.find((e) => e.streamId === `$$${stream}`);
    expect(meta?.type).toBe('$metadata');
  });

  it('tombstones a stream for ever', async () => {
    const stream = uniqueName('conf-tomb-');
    await client().append(stream, events(2));
    await client().tombstoneStream(stream);
    const onRead = await failure(client(), () => client().readStream(stream), 'stream_deleted');
    expect(onRead.streamName).toBe(stream);
    await failure(client(), () => client().append(stream, events(1)), 'stream_deleted');
    await failure(client(), () => client().append(stream, events(1), 'no_stream'), 'stream_deleted');
    await failure(client(), () => client().deleteStream(stream), 'stream_deleted');
    await failure(client(), () => client().tombstoneStream(stream), 'stream_deleted');
    const recent = await client().readAll({ from: 'end', backwards: true, maxCount: 50 });
    expect(recent.find((e) => e.streamId === stream && e.type === '$streamDeleted')).toBeDefined();
  });

  it('honours $maxCount on reads and returns the metadata it was given', async () => {
    const stream = uniqueName('conf-maxcount-');
    await client().append(stream, events(5));
    await client().setStreamMetadata(stream, { maxCount: 2 });
    expect((await client().getStreamMetadata(stream)).maxCount).toBe(2);
    expect((await client().readStream(stream)).map((e) => e.revision)).toEqual([3n, 4n]);
    expect((await client().readStream(stream, { backwards: true, from: 'end' })).map((e) => e.revision)).toEqual([4n, 3n]);
  });

  it('honours $tb (truncate before) on reads', async () => {
    const stream = uniqueName('conf-tb-');
    await client().append(stream, events(5));
    await client().setStreamMetadata(stream, { truncateBefore: 3 });
    expect((await client().readStream(stream)).map((e) => e.revision)).toEqual([3n, 4n]);
  });

  it('honours $maxAge on reads', async () => {
    const stream = uniqueName('conf-maxage-');
    await client().append(stream, events(2));
    await client().setStreamMetadata(stream, { maxAge: 1 });
    // Past the age limit (not a timing assertion: we only wait long enough).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await client().append(stream, events(1, 'Fresh'));
    expect((await client().readStream(stream)).map((e) => e.type)).toEqual(['Fresh']);
  });
}
