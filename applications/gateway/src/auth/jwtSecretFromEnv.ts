import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';

/** Where `causeway start` keeps the development secret, under its data folder. */
export const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * JWT_SECRET, or in development a secret of the suite's own: kept in
 * `<CAUSEWAY_DATA>/dev-jwt-secret` (which `causeway start` sets to `.causeway/`),
 * so a restart does not sign every user out, and generated per process only
 * when there is no such folder. Production without a secret is refused, and
 * never reads or writes the file: a generated one would differ between
 * instances and restarts.
 */
export function jwtSecretFromEnv(env: NodeJS.ProcessEnv, print: (line: string) => void): string {
  const secret = env.JWT_SECRET;
  if (secret) {
    if (secret.length < 32) throw new CausewayError('USAGE', 'JWT_SECRET must be at least 32 characters');
    return secret;
  }
  if (env.NODE_ENV === 'production') throw new CausewayError('USAGE', 'JWT_SECRET must be set when NODE_ENV=production');
  const dataDir = env.CAUSEWAY_DATA;
  if (dataDir) {
    const file = path.join(dataDir, DEV_SECRET_FILE);
    if (existsSync(file)) {
      const stored = readFileSync(file, 'utf8').trim();
      if (stored.length >= 32) {
        print(`gateway: JWT_SECRET not set; using the development secret in ${file}`);
        return stored;
      }
    }
    const generated = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    // Only the owner may read it: it signs every token of this suite.
    writeFileSync(file, `${generated}\n`, { mode: 0o600 });
    print(`gateway: JWT_SECRET not set; generated a development secret in ${file} (kept across restarts)`);
    return generated;
  }
  const generated = randomBytes(32).toString('base64url');
  print(`gateway: JWT_SECRET not set; using a generated development secret (tokens end with this process): ${generated}`);
  return generated;
}
