import { deterministicId } from '@causeway/runtime';

/** The form of an email used for uniqueness: `' Ada@Example.COM '` and `'ada@example.com'` are one address. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The identity entity id of an email: a UUID derived from its normalised
 * form. Every registration of one address, whatever its case or spacing,
 * lands on the same stream `identity-<emailKey>`, where per-entity order and
 * the expected revision let only one of them succeed. The gateway writes
 * RegisterUser to `identity:command-<emailKey(email)>`.
 */
export function emailKey(email: string): string {
  return deterministicId('identity/email', normalizeEmail(email));
}
