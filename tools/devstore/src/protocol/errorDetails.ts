import type { ExpectedRevision } from '../storage/types.ts';

// BatchAppend reports failures as google.rpc.Status with one packed Any.
// These few detail messages are tiny, so they are encoded by hand rather
// than pulling a second protobuf runtime into the server.

function varint(value: bigint): number[] {
  const bytes: number[] = [];
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    bytes.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  bytes.push(Number(v));
  return bytes;
}

function varintField(field: number, value: bigint): number[] {
  return [...varint(BigInt(field << 3)), ...varint(value)];
}

function bytesField(field: number, payload: Uint8Array | number[]): number[] {
  return [...varint(BigInt((field << 3) | 2)), ...varint(BigInt(payload.length)), ...payload];
}

export interface PackedDetail {
  readonly type_url: string;
  readonly value: Buffer;
}

function pack(typeName: string, bytes: number[]): PackedDetail {
  return { type_url: `type.googleapis.com/${typeName}`, value: Buffer.from(bytes) };
}

export function wrongExpectedVersionDetail(current: number | undefined, expected: ExpectedRevision): PackedDetail {
  const bytes = current === undefined ? bytesField(2, []) : varintField(1, BigInt(current));
  switch (expected.kind) {
    case 'exact':
      bytes.push(...varintField(3, BigInt(expected.revision)));
      break;
    case 'any':
      bytes.push(...bytesField(4, []));
      break;
    case 'stream_exists':
      bytes.push(...bytesField(5, []));
      break;
    case 'no_stream':
      bytes.push(...bytesField(6, []));
      break;
  }
  return pack('event_store.client.WrongExpectedVersion', bytes);
}

export function streamDeletedDetail(stream: string): PackedDetail {
  return pack('event_store.client.StreamDeleted', bytesField(1, bytesField(3, Buffer.from(stream, 'utf8'))));
}

export function maximumAppendSizeExceededDetail(maxAppendSize: number): PackedDetail {
  return pack('event_store.client.MaximumAppendSizeExceeded', varintField(1, BigInt(maxAppendSize)));
}

export function badRequestDetail(message: string): PackedDetail {
  return pack('event_store.client.BadRequest', bytesField(1, Buffer.from(message, 'utf8')));
}
