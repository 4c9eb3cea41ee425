import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('refuses to start in production without JWT_SECRET, and then never reads a development secret', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-secret-'));
    try {
      jwtSecretFromEnv({ CAUSEWAY_DATA: dir }, () => undefined);
      expect(() => jwtSecretFromEnv({ NODE_ENV: 'production', CAUSEWAY_DATA: dir }, () => undefined)).toThrow(/JWT_SECRET must be set/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => jwtSecretFromEnv({ NODE_ENV: 'production' }, () => undefined)).toThrow(/JWT_SECRET must be set/);
  });

  it('keeps the development secret in the suite data folder, so a restart signs nobody out', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-secret-'));
    try {
      const first = jwtSecretFromEnv({ CAUSEWAY_DATA: dir }, () => undefined);
      const printed: string[] = [];
      const second = jwtSecretFromEnv({ CAUSEWAY_DATA: dir }, (line) => printed.push(line));
      expect(second).toBe(first);
      expect(printed.join('\n')).not.toContain(first);
      const file = path.join(dir, 'dev-jwt-secret');
      expect(readFileSync(file, 'utf8').trim()).toBe(first);
      expect(statSync(file).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
