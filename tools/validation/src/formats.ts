/**
 * String formats used by contracts, as regular expressions only: ajv inlines
 * a RegExp format into standalone code, whereas function formats would need
 * a runtime import that its ESM output gets wrong. Other languages can reuse
 * the same patterns.
 */
export const formats: Readonly<Record<string, RegExp>> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // RFC 3339 date-time; month/day/hour ranges checked, leap details left to consumers.
  'date-time': /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i,
  // Deliberately simple: one @, no spaces or control characters (a NUL would end a C string), a dot in the domain. Deliverability is the identity service's job.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point of these ranges
  email: /^[^\s@\u0000-\u001f\u007f]+@[^\s@.\u0000-\u001f\u007f]+(?:\.[^\s@.\u0000-\u001f\u007f]+)+$/,
};
