import { validateMessage } from '@causeway/contracts';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwordHash.ts';

describe('password hashes', () => {
  it('are salted scrypt in the format the RegisterUser contract requires, and verify only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    const check = validateMessage('RegisterUser', {
      userId: '5a0b3f7e-2a4c-4d8e-9f10-3b2c1d0e9f8a',
      email: 'a@example.com',
      displayName: 'A',
      passwordHash: a,
    });
    expect(check.ok).toBe(true);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  });

  it('never match a malformed or absurd hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$16384$8$1$c2FsdA$aGFzaA', 'scrypt$99999999$8$1$c2FsdA$aGFzaA', 'scrypt$16384$8$1$c2FsdA$']) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
    }
  });
});
