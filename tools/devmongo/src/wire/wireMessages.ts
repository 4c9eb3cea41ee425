import { serialize, Long } from 'bson';
import { decodeBson } from '../bson/decodeBson.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import type { Doc } from '../bson/paths.ts';
import { crc32c } from './crc32c.ts';

export const opReply = 1;
export const opQuery = 2004;
export const opMsg = 2013;

const checksumPresent = 1 << 0;
const moreToComeFlag = 1 << 1;

/** A decoded request: the command document with any kind-1 sequences merged in as arrays. */
export interface WireRequest {
  readonly requestId: number;
  readonly opCode: number;
  readonly command: Doc;
  /** The client will not read a reply (OP_MSG flag bit 1): answering would desynchronise it. */
  readonly moreToCome: boolean;
  /** Set when the frame was sound but a value in it is refused (an unsupported regex, say). */
  readonly refusal?: MongoCommandError;
}

export class WireProtocolError extends Error {}

/** Decodes one complete message (header included). */
export function decodeMessage(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode !== opMsg && opCode !== opQuery) throw new WireProtocolError(`unsupported wire opCode ${opCode}`);
  try {
    return opCode === opMsg ? decodeOpMsg(message, requestId) : decodeOpQuery(message, requestId);
  } catch (error) {
    if (!(error instanceof MongoCommandError)) throw error;
    const moreToCome = opCode === opMsg && (message.readUInt32LE(16) & moreToComeFlag) !== 0;
    return { requestId, opCode, command: {}, moreToCome, refusal: error };
  }
}

function readDocument(message: Buffer, at: number): { doc: Doc; end: number } {
  const size = message.readInt32LE(at);
  const doc = decodeBson(message.subarray(at, at + size));
  return { doc, end: at + size };
}

function decodeOpMsg(message: Buffer, requestId: number): WireRequest {
  const flags = message.readUInt32LE(16);
  const end = flags & checksumPresent ? message.length - 4 : message.length;
  // A message that says it carries a checksum is executed only if the checksum holds, as the server does:
  // a corrupted frame must not run. The caller drops the connection.
  if (flags & checksumPresent && (message.length < 24 || crc32c(message.subarray(0, end)) !== message.readUInt32LE(end))) {
    throw new WireProtocolError('OP_MSG checksum mismatch');
  }
  let at = 20;
  let command: Doc | undefined;
  const sequences: [string, Doc[]][] = [];
  while (at < end) {
    const kind = message.readUInt8(at);
    at += 1;
    if (kind === 0) {
      const read = readDocument(message, at);
      command = read.doc;
      at = read.end;
    } else if (kind === 1) {
      const size = message.readInt32LE(at);
      const sectionEnd = at + size;
      const nameEnd = message.indexOf(0, at + 4);
      const identifier = message.toString('utf8', at + 4, nameEnd);
      const docs: Doc[] = [];
      let cursor = nameEnd + 1;
      while (cursor < sectionEnd) {
        const read = readDocument(message, cursor);
        docs.push(read.doc);
        cursor = read.end;
      }
      sequences.push([identifier, docs]);
      at = sectionEnd;
    } else {
      throw new WireProtocolError(`unsupported OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new WireProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  return { requestId, opCode: opMsg, command, moreToCome: (flags & moreToComeFlag) !== 0 };
}

// Drivers only use OP_QUERY for the very first handshake on a connection.
function decodeOpQuery(message: Buffer, requestId: number): WireRequest {
  const nameEnd = message.indexOf(0, 20);
  const fullName = message.toString('utf8', 20, nameEnd);
  const { doc } = readDocument(message, nameEnd + 1 + 8);
  const query = (doc.$query as Doc | undefined) ?? doc;
  const db = fullName.endsWith('.$cmd') ? fullName.slice(0, -5) : fullName;
  return { requestId, opCode: opQuery, command: { ...query, $db: db }, moreToCome: false };
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

export function encodeReply(request: WireRequest, reply: Doc): Buffer {
  const body = serialize(reply, { ignoreUndefined: true });
  if (request.opCode === opQuery) {
    const prefix = Buffer.alloc(20);
    prefix.writeInt32LE(0, 0);
    prefix.writeBigInt64LE(Long.ZERO.toBigInt(), 4);
    prefix.writeInt32LE(0, 12);
    prefix.writeInt32LE(1, 16);
    return Buffer.concat([header(16 + 20 + body.length, request.requestId, opReply), prefix, body]);
  }
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32LE(0, 0);
  prefix.writeUInt8(0, 4);
  return Buffer.concat([header(16 + 5 + body.length, request.requestId, opMsg), prefix, body]);
}
