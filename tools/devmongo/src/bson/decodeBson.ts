import { BSONError, BSONRegExp, deserialize } from 'bson';
import { MongoCommandError } from '../MongoCommandError.ts';
import { bsonReadOptions } from './bsonOptions.ts';
import { isPlainObject, type Doc } from './paths.ts';

const regexElementType = 0x0b;
const jsFlags: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: 'u' };

/**
 * Decodes BSON into the values the engine computes with. Regexes are converted
 * here rather than by the bson library, which silently drops options it cannot
 * map (such as `x`) and throws on PCRE-only syntax: both become BadValue.
 */
export function decodeBson(bytes: Uint8Array): Doc {
  let doc: Doc;
  try {
    doc = deserialize(bytes, { ...bsonReadOptions, bsonRegExp: true }) as Doc;
  } catch (error) {
    // What the structural check lets through and the decoder still refuses (invalid UTF-8, say) is the sender's fault, not ours.
    if (BSONError.isBSONError(error)) throw new MongoCommandError('InvalidBSON', error.message);
    throw error;
  }
  // Most messages hold no regex at all: skip the walk when the element type byte never occurs.
  return bytes.includes(regexElementType) ? (convert(doc) as Doc) : doc;
}

function convert(value: unknown): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = convert(value[i]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = convert(value[key]);
  }
  return value;
}

function toRegExp(regex: BSONRegExp): RegExp {
  let flags = '';
  for (const option of regex.options) {
    const flag = jsFlags[option];
    if (!flag) throw new MongoCommandError('BadValue', `devmongo does not support the regex option '${option}' (in /${regex.pattern}/${regex.options})`);
    flags += flag;
  }
  try {
    return new RegExp(regex.pattern, flags);
  } catch (error) {
    throw new MongoCommandError('BadValue', `Regular expression is invalid: ${(error as Error).message}`);
  }
}
