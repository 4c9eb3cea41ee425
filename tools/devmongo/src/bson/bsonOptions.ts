import type { DeserializeOptions } from 'bson';

/**
 * How BSON becomes JS values inside the store. Int32, Int64 within 2^53 and
 * doubles become numbers because mingo only computes on numbers; the price is
 * that such values come back as Int32 or Double, not as the BSON type sent.
 */
export const bsonReadOptions: DeserializeOptions = {
  promoteValues: true,
  promoteLongs: true,
  promoteBuffers: false,
  bsonRegExp: false,
};
