import { describe, expect, it } from 'vitest';
import { readEventFrame } from './encodeReadEvent.ts';
import { loadProtocol } from './loadProtocol.ts';
import { eventResponseObject } from './readResponses.ts';
import { TOMBSTONE_REVISION, type RecordedEvent } from '../storage/types.ts';

const read = loadProtocol().streams['Read'];
if (!read) throw new Error('no Read method');
const decode = (bytes: Buffer) => read.responseDeserialize(bytes) as Record<string, unknown>;
// The message bytes of the frame, without its 5-byte gRPC header.
const encodeReadEvent = (event: RecordedEvent, structured: boolean) => readEventFrame(event, structured).subarray(5);
const viaProtobufjs = (event: RecordedEvent, structured: boolean) => decode(read.responseSerialize(eventResponseObject(event, structured)));

const event: RecordedEvent = {
  position: 1_234_567_890_123,
  stream: 'auction-ü-42',
  revision: 300,
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  type: 'BidPlaced',
  contentType: 'application/json',
  createdMs: 1_763_800_000_123,
  data: Buffer.from('{"amount":5}'),
  metadata: Buffer.from('{"correlationId":"c"}'),
};

describe('encodeReadEvent', () => {
  it('encodes exactly what protobufjs encodes from the reference object', () => {
    expect(decode(encodeReadEvent(event, false))).toEqual(viaProtobufjs(event, false));
  });

  it('encodes structured ids (Java/.NET clients) the same way, including negative halves', () => {
    const negative = { ...event, id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' };
    expect(decode(encodeReadEvent(negative, true))).toEqual(viaProtobufjs(negative, true));
  });

  it("writes a tombstone's revision as long.MaxValue", () => {
    const tombstone = { ...event, revision: TOMBSTONE_REVISION, type: '$streamDeleted' };
    const decoded = decode(encodeReadEvent(tombstone, false)) as { event: { event: { stream_revision: string } } };
    expect(decoded.event.event.stream_revision).toBe('9223372036854775807');
  });

  it('carries type, content type and creation time in .NET ticks', () => {
    const decoded = decode(encodeReadEvent({ ...event, revision: 0, metadata: Buffer.alloc(0) }, false)) as {
      event: { event: { metadata: Record<string, string>; stream_revision?: string }; commit_position: string };
    };
    expect(decoded.event.event.metadata).toEqual({ type: 'BidPlaced', 'content-type': 'application/json', created: '17638000001230000' });
    expect(decoded.event.commit_position).toBe('1234567890123');
    expect(Number(decoded.event.event.stream_revision ?? 0)).toBe(0);
  });
});
