import { CausewayError } from '@causeway/errors';
import { normalizeEmail } from '@causeway/identity';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Attempts on one account (its normalised email) per minute. */
  readonly perAccount: number;
  /** Attempts from one client address per minute. */
  readonly perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30 };

function countFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CausewayError('USAGE', `${name} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** LOGIN_ATTEMPTS_PER_ACCOUNT / LOGIN_ATTEMPTS_PER_ADDRESS, per minute. */
export function loginLimitsFromEnv(): LoginLimits {
  return {
    perAccount: countFromEnv('LOGIN_ATTEMPTS_PER_ACCOUNT', DEFAULT_LOGIN_LIMITS.perAccount),
    perAddress: countFromEnv('LOGIN_ATTEMPTS_PER_ADDRESS', DEFAULT_LOGIN_LIMITS.perAddress),
  };
}

/**
 * Bounds password guessing: every login attempt is counted against its
 * account and its client address before the password is checked (so 30
 * attempts sent at once are counted as 30, not all let through), and a
 * successful login clears its account's count. Over either bound: 429
 * RATE_LIMITED with the seconds to wait. Counts live in this gateway's memory:
 * with N instances behind a balancer the bound is N times as loose.
 */
export class LoginLimiter {
  private readonly accounts: RateLimiterMemory;
  private readonly addresses: RateLimiterMemory;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.accounts = new RateLimiterMemory({ points: limits.perAccount, duration: 60, keyPrefix: 'account' });
    this.addresses = new RateLimiterMemory({ points: limits.perAddress, duration: 60, keyPrefix: 'address' });
  }

  /** Counts one attempt; throws RATE_LIMITED (with `retryAfterSeconds`) when the account or the address is over its bound. */
  async attempt(email: string, address: string): Promise<void> {
    try {
      await this.addresses.consume(address);
      await this.accounts.consume(normalizeEmail(email));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1_000));
      throw new CausewayError('RATE_LIMITED', `too many login attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }

  async succeeded(email: string): Promise<void> {
    await this.accounts.delete(normalizeEmail(email));
  }
}
