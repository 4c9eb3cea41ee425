import { CausewayError } from '@causeway/errors';
import { SignJWT, errors, jwtVerify } from 'jose';

/** Who a request acts for, from a verified token. */
export interface AuthenticatedUser {
  readonly userId: string;
}

const ISSUER = 'causeway-gateway';
const maxRememberedTokens = 10_000;

/**
 * HS256 JWTs: the user id as `sub`, an expiry, and our issuer. Any token
 * that is missing, expired, forged or malformed is UNAUTHENTICATED; the
 * detail says which, so a client knows whether to log in again.
 */
export class TokenIssuer {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, with their expiry: every command over HTTP and socket.io
   * presents the same token again, and verifying it (jose importing the key, then the
   * HMAC) was ~6% of the gateway's CPU under load. Only tokens that passed verification
   * get in, each honoured until its own `exp`, so nothing is accepted that jose would refuse.
   */
  private readonly verified = new Map<string, { userId: string; expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return { userId: known.userId };
    if (known) this.verified.delete(token);
    try {
      // `exp` is required: a token without one, signed with our secret by anyone who had it,
      // would be good for ever. jose refuses a token once now >= exp (seconds).
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, requiredClaims: ['exp'] });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new CausewayError('UNAUTHENTICATED', 'the token names no user');
      this.remember(token, payload.sub, (payload.exp as number) * 1000);
      return { userId: payload.sub };
    } catch (error) {
      if (error instanceof CausewayError) throw error;
      if (error instanceof errors.JWTExpired) throw new CausewayError('UNAUTHENTICATED', 'the token has expired; log in again');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw new CausewayError('UNAUTHENTICATED', 'the token has no expiry (exp); log in again');
      }
      throw new CausewayError('UNAUTHENTICATED', 'the token is not valid');
    }
  }

  private remember(token: string, userId: string, expiresAtMs: number): void {
    // Bounded: past the limit the oldest entry goes (Map keeps insertion order).
    if (this.verified.size >= maxRememberedTokens) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { userId, expiresAtMs });
  }
}
