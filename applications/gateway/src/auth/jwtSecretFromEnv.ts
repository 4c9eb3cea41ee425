import { randomBytes } from 'node:crypto';
import { CausewayError } from '@causeway/errors';

/**
 * JWT_SECRET, or in development a secret generated for this process (printed
 * so an operator knows tokens die with it). Production without a secret is
 * refused: a generated one would differ between instances and restarts.
 */
export function jwtSecretFromEnv(env: NodeJS.ProcessEnv, print: (line: string) => void): string {
  const secret = env.JWT_SECRET;
  if (secret) {
    if (secret.length < 32) throw new CausewayError('USAGE', 'JWT_SECRET must be at least 32 characters');
    return secret;
  }
  if (env.NODE_ENV === 'production') throw new CausewayError('USAGE', 'JWT_SECRET must be set when NODE_ENV=production');
  const generated = randomBytes(32).toString('base64url');
  print(`gateway: JWT_SECRET not set; using a generated development secret (tokens end with this process): ${generated}`);
  return generated;
}
