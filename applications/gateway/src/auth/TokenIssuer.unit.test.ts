import { afterEach, expect, it, vi } from 'vitest';
import { isCausewayError } from '@causeway/errors';
import { SignJWT } from 'jose';
import { TokenIssuer } from './TokenIssuer.ts';

const userId = '11111111-2222-4333-8444-555555555555';
// Subjects are the gateway's KnownUsers (auth.e2e.test.ts); here every one exists.
const everyone = { exists: async () => true, remember: () => undefined };
afterEach(() => vi.useRealTimers());

const refusal = async (issuer: TokenIssuer, token: string) => {
  try {
    await issuer.verify(token);
    return 'accepted';
  } catch (error) {
    return isCausewayError(error, 'UNAUTHENTICATED') ? error.message : String(error);
  }
};

it('accepts its own token again and again, and refuses it once expired, also after accepting it', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
  const issuer = new TokenIssuer('s'.repeat(40), 60, everyone);
  const token = await issuer.issue(userId);
  expect(await issuer.verify(token)).toEqual({ userId });
  expect(await issuer.verify(token)).toEqual({ userId });
  vi.setSystemTime(new Date('2026-11-22T10:00:59Z'));
  expect(await issuer.verify(token)).toEqual({ userId });
  vi.setSystemTime(new Date('2026-11-22T10:01:00Z'));
  expect(await refusal(issuer, token)).toBe('the token has expired; log in again');
});

it('refuses forged and malformed tokens every time', async () => {
  const issuer = new TokenIssuer('s'.repeat(40), 60, everyone);
  const forger = new TokenIssuer('f'.repeat(40), 60, everyone);
  const forged = await forger.issue(userId);
  expect(await refusal(issuer, forged)).toBe('the token is not valid');
  expect(await refusal(issuer, forged)).toBe('the token is not valid');
  const genuine = await issuer.issue(userId);
  const tampered = `${genuine.slice(0, -2)}${genuine.endsWith('A') ? 'BB' : 'AA'}`;
  expect(await issuer.verify(genuine)).toEqual({ userId });
  expect(await refusal(issuer, tampered)).toBe('the token is not valid');
  expect(await refusal(issuer, 'not.a.jwt')).toBe('the token is not valid');
});

it('refuses a token signed with our secret but without an expiry (it was accepted for ever)', async () => {
  const secret = 's'.repeat(40);
  const issuer = new TokenIssuer(secret, 60, everyone);
  const endless = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer('causeway-gateway')
    .sign(new TextEncoder().encode(secret));
  expect(await refusal(issuer, endless)).toBe('the token has no expiry (exp); log in again');
  expect(await refusal(issuer, endless)).toBe('the token has no expiry (exp); log in again');
});
