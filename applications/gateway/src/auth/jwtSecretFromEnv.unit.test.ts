import { describe, expect, it } from 'vitest';
import { jwtSecretFromEnv } from './jwtSecretFromEnv.ts';

describe('jwtSecretFromEnv', () => {
  it('takes JWT_SECRET, and refuses a short one', () => {
    expect(jwtSecretFromEnv({ JWT_SECRET: 'x'.repeat(32) }, () => undefined)).toBe('x'.repeat(32));
    expect(() => jwtSecretFromEnv({ JWT_SECRET: 'short' }, () => undefined)).toThrow(/at least 32/);
  });

  it('generates and prints a development secret when unset', () => {
    const printed: string[] = [];
    const secret = jwtSecretFromEnv({}, (line) => printed.push(line));
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(printed.join('\n')).toContain(secret);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => jwtSecretFromEnv({ NODE_ENV: 'production' }, () => undefined)).toThrow(/JWT_SECRET must be set/);
  });
});
