import { describe, expect, it } from 'vitest';
import { isCausewayError } from '@causeway/errors';
import { allContracts, assertValidMessage, getContract, validateMessage, validateMetadata } from './index.ts';

const messages = allContracts().filter((c) => c.kind !== 'envelope');
const examplesOf = (c: { schema: Readonly<Record<string, unknown>> }) => c.schema.examples as Record<string, unknown>[];

describe('generated validators', () => {
  it('cover every message type of the reference domain', () => {
    const types = messages.map((c) => c.type);
    for (const t of [
      'RegisterUser',
      'UserRegistered',
      'UserRegistrationRejected',
      'DepositFunds',
      'ReserveFunds',
      'ReleaseFunds',
      'CaptureFunds',
      'FundsDeposited',
      'FundsReserved',
      'FundsReservationRejected',
      'FundsReleased',
      'FundsCaptured',
      'OpenAuction',
      'PlaceBid',
      'RetractBid',
      'CloseAuction',
      'AuctionOpened',
      'BidPlaced',
      'BidRejected',
      'BidRetracted',
      'AuctionClosed',
      'SubmitBid',
      'CreateDocument',
      'PatchDocument',
      'ReplaceDocument',
      'DeleteDocument',
      'DocumentCreated',
      'DocumentPatched',
      'DocumentReplaced',
      'DocumentDeleted',
      'DocumentCommandRejected',
    ]) {
      expect(types).toContain(t);
    }
  });

  it.each(allContracts().map((c) => [c.id, c] as const))('%s: every example validates', (_id, c) => {
    expect(examplesOf(c).length).toBeGreaterThan(0);
    for (const example of examplesOf(c)) expect(c.validate(example), JSON.stringify(c.validate.errors)).toBe(true);
  });

  it.each(messages.map((c) => [c.id, c] as const))('%s: mutated examples fail with readable issues', (_id, c) => {
    const example = examplesOf(c)[0] as Record<string, unknown>;
    const required = (c.schema.required as string[])[0] as string;

    const { [required]: _gone, ...missing } = example;
    const r1 = validateMessage(c.type, missing);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.issues.map((i) => i.message)).toContain(`data/${required} is required but missing`);

    const r2 = validateMessage(c.type, { ...example, surprise: 1 });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.issues.map((i) => i.message)).toContain('data/surprise is not allowed (unknown property)');

    const r3 = validateMessage(c.type, { ...example, [required]: { wrong: true } });
    expect(r3.ok).toBe(false);
    if (!r3.ok) {
      expect(r3.issues[0]?.path).toBe(`data/${required}`);
      expect(r3.issues[0]?.message).toMatch(new RegExp(`^data/${required} must .*got`));
    }
  });
});

describe('readable validation issues', () => {
  const deposit = { walletId: '5a0b3f7e-2a4c-4d8e-9f10-3b2c1d0e9f8a', amount: 500, currency: 'EUR' };

  it('names field, rule and given value', () => {
    const r = validateMessage('DepositFunds', { ...deposit, amount: -5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message)).toEqual(['data/amount must be an integer >= 1, got -5']);
  });

  it('lists every violation at once', () => {
    const r = validateMessage('DepositFunds', { walletId: 'not-a-uuid', amount: 1.5, currency: 'euro' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.message)).toEqual([
        'data/walletId must be a valid uuid, got "not-a-uuid"',
        'data/amount must be an integer, got number 1.5',
        'data/currency must match the pattern ^[A-Z]{3}$, got "euro"',
      ]);
      expect(r.issues.map((i) => i.pointer)).toEqual(['/walletId', '/amount', '/currency']);
    }
  });

  it('explains enum, format and length violations', () => {
    const reg = { userId: deposit.walletId, email: 'nope', displayName: '', passwordHash: 'plain-password' };
    const r = validateMessage('RegisterUser', reg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const text = r.issues.map((i) => i.message);
      expect(text).toContain('data/email must be a valid email, got "nope"');
      expect(text).toContain('data/displayName must be at least 1 characters long, got ""');
      expect(text.some((t) => t.startsWith('data/passwordHash must match the pattern'))).toBe(true);
    }
    const rej = validateMessage('BidRejected', { ...(examplesOf(getContract('BidRejected'))[0] as object), reason: 'BORED' });
    expect(rej.ok).toBe(false);
    if (!rej.ok) expect(rej.issues[0]?.message).toMatch(/^data\/reason must be one of \["AUCTION_NOT_FOUND",.*got "BORED"$/);
  });

  it('refuses an email with a NUL byte or another control character', () => {
    const reg = (email: string) => ({
      userId: deposit.walletId,
      email,
      displayName: 'Ada',
      passwordHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    });
    for (const email of ['ada\u0000@example.com', 'ada@exa\u0000mple.com', 'ada@example.com\u0000', 'a\u007fda@example.com']) {
      const r = validateMessage('RegisterUser', reg(email));
      expect(r.ok, JSON.stringify(email)).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.pointer)).toContain('/email');
    }
  });

  it('refuses, for every type before its schema, data nested past the limit or with a NUL byte in a key', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const r = validateMessage('CreateDocument', { collection: 'lots', documentId: deposit.walletId, content: { x: deep } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.keyword)).toEqual(['maxDepth']);
    const nul = validateMessage('CreateDocument', { collection: 'lots', documentId: deposit.walletId, content: { '\u0000': 1 } });
    expect(nul.ok).toBe(false);
    expect(() => assertValidMessage('CreateDocument', { collection: 'lots', documentId: deposit.walletId, content: { '\u0000': 1 } })).toThrow(/NUL byte/);
  });

  it('validates JSON Patch bodies', () => {
    const base = { collection: 'lots', documentId: deposit.walletId, expectedVersion: 1 };
    expect(validateMessage('PatchDocument', { ...base, patch: [{ op: 'move', from: '/a', path: '/b' }] }).ok).toBe(true);
    const bad = validateMessage('PatchDocument', { ...base, patch: [{ op: 'rename', path: '/a' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.message).toMatch(/^data\/patch\/0 must match exactly one allowed shape/);
    const badPointer = validateMessage('PatchDocument', { ...base, patch: [{ op: 'remove', path: 'no-slash' }] });
    expect(badPointer.ok).toBe(false);
    expect(validateMessage('PatchDocument', { ...base, patch: [] }).ok).toBe(false);
  });

  it('assertValidMessage throws a coded error carrying every issue', () => {
    try {
      assertValidMessage('DepositFunds', { ...deposit, amount: 0 });
      expect.unreachable();
    } catch (error) {
      expect(isCausewayError(error, 'VALIDATION_FAILED')).toBe(true);
      if (isCausewayError(error)) {
        expect(error.httpStatus).toBe(400);
        expect(error.details.schema).toBe('wallets/DepositFunds@1');
        expect(error.message).toContain('data/amount must be an integer >= 1, got 0');
      }
    }
  });

  it('unknown types are a coded error naming the type', () => {
    expect(() => validateMessage('LaunchRocket', {})).toThrowError(/unknown message type "LaunchRocket"/);
  });

  it('checks envelope metadata', () => {
    const ok = validateMetadata({ correlationId: deposit.walletId, causationId: deposit.walletId, schema: 'wallets/DepositFunds@1' });
    expect(ok.ok).toBe(true);
    const bad = validateMetadata({ correlationId: 'x', schema: 'nope' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.message)).toContain('metadata/causationId is required but missing');
      expect(bad.issues.map((i) => i.message)).toContain('metadata/correlationId must be a valid uuid, got "x"');
    }
  });
});
