import { pure } from '@causeway/testing';
import { describe, expect, it } from 'vitest';
import { emailKey, normalizeEmail } from './emailKey.ts';
import { identitySpecs } from './identitySpecs.ts';

describe('identity, pure', () => {
  for (const [name, run] of Object.entries(identitySpecs(pure))) it(name, run);
});

describe('emailKey', () => {
  it('is one UUID for every spelling of one address', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailKey('  Ada@Example.COM ')).toBe(emailKey('ada@example.com'));
    expect(emailKey('ada@example.com')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('tells different addresses apart', () => {
    expect(emailKey('ada@example.com')).not.toBe(emailKey('ada@example.org'));
    expect(emailKey('a/b@example.com')).not.toBe(emailKey('a@example.com'));
  });
});
