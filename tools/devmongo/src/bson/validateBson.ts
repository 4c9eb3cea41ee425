import { MongoCommandError } from '../MongoCommandError.ts';

/** The largest BSON object the server accepts off the wire: 16 MiB plus 16 KiB for command overhead. */
export const maxWireBsonBytes = 16 * 1024 * 1024 + 16 * 1024;

/**
 * Nesting levels below the top of a document that the server accepts off the
 * wire (its `maxBSONDepth` default: 201 frames, the top one included).
 */
export const maxWireBsonDepth = 200;

// Value sizes of the fixed-width element types, by type byte.
const fixedSizes: Readonly<Record<number, number>> = {
  0x01: 8, // double
  0x06: 0, // undefined
  0x07: 12, // ObjectId
  0x09: 8, // UTC datetime
  0x0a: 0, // null
  0x10: 4, // int32
  0x11: 8, // timestamp
  0x12: 8, // int64
  0x13: 16, // decimal128
  0x7f: 0, // max key
  0xff: 0, // min key
};

function invalid(message: string): MongoCommandError {
  return new MongoCommandError('InvalidBSON', message);
}

/**
 * Checks the structure of the BSON document starting at `at`, which must end
 * by `limit`, and returns its length. Every length is checked against the one
 * enclosing it and nesting is bounded, without recursion: a document that lies
 * about a length or nests thousands of levels becomes InvalidBSON or Overflow,
 * as on the server, instead of a read past the frame or a stack overflow in
 * the decoder. The errors are MongoDB's own codes and messages.
 */
export function validateBson(bytes: Buffer, at: number, limit: number): number {
  if (limit - at < 5) throw invalid('BSON data has to be at least 5 bytes');
  const length = bytes.readInt32LE(at);
  if (length < 5) throw invalid('BSON data has to be at least 5 bytes');
  if (length > limit - at) throw invalid(`Incorrect BSON length ${length} should be less or equal to ${limit - at}`);
  if (length > maxWireBsonBytes) {
    throw new MongoCommandError(
      'BSONObjectTooLarge',
      `BSONObj size: ${length} (0x${length.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${maxWireBsonBytes}(16MB)`,
    );
  }
  if (bytes[at + length - 1] !== 0) throw invalid('BSON object not terminated with EOO');
  // Where each open document ends; the innermost is last.
  const ends: number[] = [at + length];
  let pos = at + 4;
  for (;;) {
    const end = ends[ends.length - 1] as number;
    if (pos >= end) throw invalid('BSON size is larger than buffer size');
    const type = bytes[pos] as number;
    if (type === 0) {
      pos += 1;
      if (pos !== end) throw invalid('incorrect BSON length');
      ends.pop();
      if (ends.length === 0) return length;
      continue;
    }
    const nameEnd = bytes.indexOf(0, pos + 1);
    if (nameEnd < 0 || nameEnd >= end) throw invalid('BSON size is larger than buffer size');
    pos = nameEnd + 1;
    const fixed = fixedSizes[type];
    if (fixed !== undefined) {
      pos += fixed;
    } else {
      switch (type) {
        case 0x02: // string
        case 0x0d: // JavaScript code
        case 0x0e: // symbol
          pos = skipString(bytes, pos, end);
          break;
        case 0x0c: // DBPointer: a string and an ObjectId
          pos = skipString(bytes, pos, end) + 12;
          break;
        case 0x05: {
          // binary: length, subtype byte, bytes
          if (end - pos < 5) throw invalid('BSON size is larger than buffer size');
          const size = bytes.readInt32LE(pos);
          if (size < 0) throw invalid('BSON size is larger than buffer size');
          pos += 5 + size;
          break;
        }
        case 0x08: {
          if (pos >= end) throw invalid('BSON size is larger than buffer size');
          const value = bytes[pos];
          if (value !== 0 && value !== 1) throw invalid('BSON bool is neither false nor true');
          pos += 1;
          break;
        }
        case 0x0b: // regex: pattern and options, both C strings
          pos = skipCString(bytes, skipCString(bytes, pos, end), end);
          break;
        case 0x03: // document
        case 0x04: // array
          pos = open(bytes, pos, end, ends);
          continue;
        case 0x0f: {
          // code with scope: total length, code string, scope document ending exactly at the total
          if (end - pos < 4) throw invalid('BSON size is larger than buffer size');
          const total = bytes.readInt32LE(pos);
          if (total < 14 || total > end - pos) throw invalid('invalid code with scope length');
          const scopeAt = skipString(bytes, pos + 4, pos + total);
          if (scopeAt + 4 > pos + total || scopeAt + bytes.readInt32LE(scopeAt) !== pos + total) throw invalid('invalid code with scope length');
          pos = open(bytes, scopeAt, pos + total, ends);
          continue;
        }
        default:
          throw invalid(`Unrecognized BSON type ${type}`);
      }
    }
    if (pos > end - 1) throw invalid('BSON size is larger than buffer size');
  }
}

/** Enters the embedded document at `pos` and returns the position of its first element. */
function open(bytes: Buffer, pos: number, end: number, ends: number[]): number {
  if (ends.length > maxWireBsonDepth) throw new MongoCommandError('Overflow', 'BSONObj exceeds maximum nested object depth');
  if (end - pos < 5) throw invalid('BSON size is larger than buffer size');
  const size = bytes.readInt32LE(pos);
  if (size < 5) throw invalid('Nested BSON object has to be at least 5 bytes');
  if (size > end - pos) throw invalid('BSON size is larger than buffer size');
  if (bytes[pos + size - 1] !== 0) throw invalid('BSON object not terminated with EOO');
  ends.push(pos + size);
  return pos + 4;
}

function skipString(bytes: Buffer, pos: number, end: number): number {
  if (end - pos < 4) throw invalid('BSON size is larger than buffer size');
  const size = bytes.readInt32LE(pos);
  if (size < 1 || size > end - pos - 4) throw invalid('BSON size is larger than buffer size');
  if (bytes[pos + 4 + size - 1] !== 0) throw invalid('Not null terminated string');
  return pos + 4 + size;
}

function skipCString(bytes: Buffer, pos: number, end: number): number {
  const nul = bytes.indexOf(0, pos);
  if (nul < 0 || nul >= end) throw invalid('BSON size is larger than buffer size');
  return nul + 1;
}
