/**
 * The helpers precompiled validators call at run time. ajv's standalone ESM
 * output refers to its CommonJS runtime through `require()`, whose default
 * export Node and Vite interpret differently; generated code imports these
 * ESM equivalents instead.
 */
export const validatorRuntime = {
  /** String length in code points, as JSON Schema counts it (a surrogate pair is one character). */
  ucs2length(value: string): number {
    let length = 0;
    for (let i = 0; i < value.length; i += 1) {
      const code = value.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
        const next = value.charCodeAt(i + 1);
        if ((next & 0xfc00) === 0xdc00) i += 1;
      }
      length += 1;
    }
    return length;
  },
  /** Structural equality of JSON values, for `enum`, `const` and `uniqueItems`. */
  equal(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => validatorRuntime.equal(v, b[i]));
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => Object.hasOwn(b, k) && validatorRuntime.equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  },
};
