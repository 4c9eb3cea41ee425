/** A UUID as the clients send it: a string (Node clients) or two signed 64-bit halves (Java/.NET). */
export interface WireUuid {
  readonly value?: 'string' | 'structured';
  readonly string?: string;
  readonly structured?: { most_significant_bits?: string | number; least_significant_bits?: string | number };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function halfToHex(half: string | number | undefined): string {
  return BigInt.asUintN(64, BigInt(half ?? 0))
    .toString(16)
    .padStart(16, '0');
}

/** Returns the canonical lower-case form, or undefined when the id is missing or malformed. */
export function parseWireUuid(uuid: WireUuid | undefined | null): string | undefined {
  if (!uuid) return undefined;
  if (uuid.structured) {
    const hex = halfToHex(uuid.structured.most_significant_bits) + halfToHex(uuid.structured.least_significant_bits);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  if (typeof uuid.string === 'string' && uuidPattern.test(uuid.string)) return uuid.string.toLowerCase();
  return undefined;
}

/** Encodes an id the way the client asked for (string unless it asked for structured). */
export function toWireUuid(id: string, structured: boolean): WireUuid {
  if (!structured) return { string: id };
  const hex = id.replace(/-/g, '');
  return {
    structured: {
      most_significant_bits: BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString(),
      least_significant_bits: BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString(),
    },
  };
}
