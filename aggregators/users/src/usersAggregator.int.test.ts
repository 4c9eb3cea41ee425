import { randomUUID } from 'node:crypto';
import { aggregatorSpec } from '@causeway/testing';
import { describe, it } from 'vitest';
import { usersAggregator } from './usersAggregator.ts';

const hash = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$0b9c3e0d6c3a2f1e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e';

describe('users aggregator', () => {
  it('keeps profiles without the password hash, and credentials apart for login', () => {
    const ada = randomUUID();
    const bob = randomUUID();
    const registered = (userId: string, email: string, displayName: string) => ({
      stream: `identity-${randomUUID()}`,
      type: 'UserRegistered' as const,
      data: { userId, email, normalizedEmail: email.toLowerCase(), displayName, passwordHash: hash, registeredAt: '2026-01-01T10:00:00Z' },
    });
    return aggregatorSpec(usersAggregator)
      .given([registered(ada, 'Ada@Example.com', 'Ada'), registered(bob, 'bob@example.com', 'Bob')])
      .thenExactly({
        users: [
          { _id: ada, email: 'Ada@Example.com', normalizedEmail: 'ada@example.com', displayName: 'Ada', registeredAt: '2026-01-01T10:00:00Z' },
          { _id: bob, email: 'bob@example.com', normalizedEmail: 'bob@example.com', displayName: 'Bob', registeredAt: '2026-01-01T10:00:00Z' },
        ],
        user_credentials: [
          { _id: 'ada@example.com', userId: ada, passwordHash: hash },
          { _id: 'bob@example.com', userId: bob, passwordHash: hash },
        ],
      });
  });

  it('ignores rejected registrations', () =>
    aggregatorSpec(usersAggregator)
      .given([
        {
          stream: `identity-${randomUUID()}`,
          type: 'UserRegistrationRejected',
          data: { userId: randomUUID(), email: 'a@b.co', reason: 'EMAIL_TAKEN', rejectedAt: '2026-01-01T10:00:00Z' },
        },
      ])
      .thenExactly({ users: [], user_credentials: [] }));
});
