import { serialize, Long } from 'bson';
import { decodeBson } from '../bson/decodeBson.ts';
import { validateBson } from '../bson/validateBson.ts';
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

/**
 * Decodes one complete message (header included). A frame whose sections or
 * documents lie about their lengths comes back as a refusal carrying the
 * server's error (Overflow, InvalidBSON, BSONObjectTooLarge…): its
 * messageLength was sound, so the connection stays in step and the server
 * answers it, as MongoDB does. Only what MongoDB treats as fatal (a bad
 * checksum, an unsupported opCode) throws a WireProtocolError.
 */
export function decodeMessage(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode !== opMsg && opCode !== opQuery) throw new WireProtocolError(`unsupported wire opCode ${opCode}`);
  try {
    return opCode === opMsg ? decodeOpMsg(message, requestId) : decodeOpQuery(message, requestId);
  } catch (error) {
    if (!(error instanceof MongoCommandError)) throw error;
    const moreToCome = opCode === opMsg && message.length >= 20 && (message.readUInt32LE(16) & moreToComeFlag) !== 0;
    return { requestId, opCode, command: {}, moreToCome, refusal: error };
  }
}

function overflow(message: string): MongoCommandError {
  return new MongoCommandError('Overflow', message);
}

/** Reads the BSON document at `at`, which must end by `limit`; its structure is checked before it is decoded. */
function readDocument(message: Buffer, at: number, limit: number): { doc: Doc; end: number } {
  const size = validateBson(message, at, limit);
  return { doc: decodeBson(message.subarray(at, at + size)), end: at + size };
}

function decodeOpMsg(message: Buffer, requestId: number): WireRequest {
  if (message.length < 20) throw overflow(`OP_MSG of ${message.length} bytes has no room for its flags`);
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
  // Every step moves `at` forward by at least one byte and never past `end`, so the loop always ends.
  while (at < end) {
    const kind = message.readUInt8(at);
    at += 1;
    if (kind === 0) {
      if (command) throw new MongoCommandError('Location40430', 'Multiple body sections in message');
      const read = readDocument(message, at, end);
      command = read.doc;
      at = read.end;
    } else if (kind === 1) {
      if (end - at < 4) throw overflow(`OP_MSG document sequence size runs past the end of the message`);
      const size = message.readInt32LE(at);
      // The size counts itself and at least the identifier's terminating NUL.
      if (size < 5 || size > end - at) {
        throw overflow(`OP_MSG document sequence size ${size} is invalid: ${end - at} bytes remain in the message`);
      }
      const sectionEnd = at + size;
      const nameEnd = message.indexOf(0, at + 4);
      if (nameEnd < 0 || nameEnd >= sectionEnd) throw overflow('OP_MSG document sequence identifier is not terminated inside its section');
      const identifier = message.toString('utf8', at + 4, nameEnd);
      const docs: Doc[] = [];
      let cursor = nameEnd + 1;
      while (cursor < sectionEnd) {
        const read = readDocument(message, cursor, sectionEnd);
        docs.push(read.doc);
        cursor = read.end;
      }
      sequences.push([identifier, docs]);
      at = sectionEnd;
    } else {
      throw new MongoCommandError('Location40432', `Unknown section kind ${kind}`);
    }
  }
  if (!command) throw new MongoCommandError('Location40587', 'OP_MSG messages must have a body');
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  return { requestId, opCode: opMsg, command, moreToCome: (flags & moreToComeFlag) !== 0 };
}

// Drivers only use OP_QUERY for the very first handshake on a connection.
function decodeOpQuery(message: Buffer, requestId: number): WireRequest {
  const nameEnd = message.indexOf(0, 20);
  if (nameEnd < 0) throw overflow('OP_QUERY collection name is not terminated inside the message');
  const fullName = message.toString('utf8', 20, nameEnd);
  // numberToSkip and numberToReturn sit between the name and the query.
  const { doc } = readDocument(message, nameEnd + 1 + 8, message.length);
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
