import { TOMBSTONE_REVISION, type RecordedEvent } from '../storage/types.ts';

// Reads and catch-up send one ReadResp per event, so encoding them is the
// server's hottest path. Writing the few fields by hand straight into one
// buffer costs a fraction of building objects for protobufjs to walk.

function varintLength(value: bigint): number {
  let v = BigInt.asUintN(64, value);
  let n = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    n += 1;
  }
  return n;
}

function numberVarintLength(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    n += 1;
  }
  return n;
}

class Writer {
  offset = 0;
  constructor(readonly buffer: Buffer) {}

  number(value: number): void {
    while (value >= 0x80) {
      this.buffer[this.offset++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
  }

  big(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.buffer[this.offset++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buffer[this.offset++] = Number(v);
  }

  bytes(field: number, length: number): void {
    this.number((field << 3) | 2);
    this.number(length);
  }

  copy(source: Buffer): void {
    source.copy(this.buffer, this.offset);
    this.offset += source.length;
  }

  text(value: string, length: number): void {
    this.offset += this.buffer.write(value, this.offset, length, 'utf8');
  }
}

const lengthDelimited = (field: number, length: number) => numberVarintLength((field << 3) | 2) + numberVarintLength(length) + length;

function uuidHalves(id: string): [bigint, bigint] {
  const hex = id.replace(/-/g, '');
  return [BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)), BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`))];
}

const frames = new WeakMap<RecordedEvent, Buffer>();
const structuredFrames = new WeakMap<RecordedEvent, Buffer>();

/**
 * The wire bytes of `ReadResp { event: ReadEvent { event: RecordedEvent,
 * commit_position } }` as a gRPC frame (flag and length first), ready for the
 * HTTP/2 stream. Cached per event object: events from the in-memory tail are
 * shared by every live subscription, so each is encoded once, not once per
 * subscriber.
 */
export function readEventFrame(event: RecordedEvent, structuredIds: boolean): Buffer {
  const cache = structuredIds ? structuredFrames : frames;
  let frame = cache.get(event);
  if (!frame) {
    frame = encodeFrame(event, structuredIds);
    cache.set(event, frame);
  }
  return frame;
}

function encodeFrame(event: RecordedEvent, structuredIds: boolean): Buffer {
  const position = event.position;
  const stream = Buffer.from(event.stream, 'utf8');
  const created = `${event.createdMs}0000`;
  const revision = event.revision === TOMBSTONE_REVISION ? 0x7fffffffffffffffn : BigInt(event.revision);
  const entries: [string, string][] = [
    ['type', event.type],
    ['content-type', event.contentType],
    ['created', created],
  ];
  const entryLengths = entries.map(([k, v]) => lengthDelimited(1, Buffer.byteLength(k)) + lengthDelimited(2, Buffer.byteLength(v)));

  let uuidLength: number;
  let halves: [bigint, bigint] | undefined;
  if (structuredIds) {
    halves = uuidHalves(event.id);
    uuidLength = lengthDelimited(1, 2 + varintLength(halves[0]) + varintLength(halves[1]));
  } else {
    uuidLength = lengthDelimited(2, 36);
  }

  const recordedLength =
    lengthDelimited(1, uuidLength) +
    lengthDelimited(2, lengthDelimited(3, stream.length)) +
    1 +
    varintLength(revision) +
    2 * (1 + numberVarintLength(position)) +
    entryLengths.reduce((sum, length) => sum + lengthDelimited(6, length), 0) +
    lengthDelimited(7, event.metadata.length) +
    lengthDelimited(8, event.data.length);
  const readEventLength = lengthDelimited(1, recordedLength) + 1 + numberVarintLength(position);
  const messageLength = lengthDelimited(1, readEventLength);
  const w = new Writer(Buffer.allocUnsafe(5 + messageLength));
  // gRPC frame header: not compressed, then the message length.
  w.buffer[0] = 0;
  w.buffer.writeUInt32BE(messageLength, 1);
  w.offset = 5;

  w.bytes(1, readEventLength);
  w.bytes(1, recordedLength);
  w.bytes(1, uuidLength);
  if (halves) {
    w.bytes(1, 2 + varintLength(halves[0]) + varintLength(halves[1]));
    w.number(1 << 3);
    w.big(halves[0]);
    w.number(2 << 3);
    w.big(halves[1]);
  } else {
    w.bytes(2, 36);
    w.text(event.id, 36);
  }
  w.bytes(2, lengthDelimited(3, stream.length));
  w.bytes(3, stream.length);
  w.copy(stream);
  w.number(3 << 3);
  w.big(revision);
  w.number(4 << 3);
  w.number(position);
  w.number(5 << 3);
  w.number(position);
  entries.forEach(([key, value], i) => {
    w.bytes(6, entryLengths[i] ?? 0);
    w.bytes(1, Buffer.byteLength(key));
    w.text(key, Buffer.byteLength(key));
    w.bytes(2, Buffer.byteLength(value));
    w.text(value, Buffer.byteLength(value));
  });
  w.bytes(7, event.metadata.length);
  w.copy(event.metadata);
  w.bytes(8, event.data.length);
  w.copy(event.data);
  w.number(3 << 3);
  w.number(position);
  if (w.offset !== w.buffer.length) throw new Error(`encodeReadEvent wrote ${w.offset} of ${w.buffer.length} bytes`);
  return w.buffer;
}
