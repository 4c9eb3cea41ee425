import { CausewayError } from '@causeway/errors';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { SubjectCheck } from './KnownUsers.ts';

/** Who a request acts for, from a verified token. */
export interface AuthenticatedUser {
  readonly userId: string;
}

const ISSUER = 'causeway-gateway';
const maxRememberedTokens = 10_000;

/** Why a token was refused: the problem's `reason`, so a client can tell them apart without reading the detail. */
export type TokenRefusal = 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_WITHOUT_EXPIRY' | 'UNKNOWN_SUBJECT';

export const refuseToken = (reason: TokenRefusal, detail: string): CausewayError => new CausewayError('UNAUTHENTICATED', detail, { reason });

/**
 * HS256 JWTs: the user id as `sub`, an expiry, and our issuer. Any token
 * that is missing, expired, forged or malformed, or whose subject is not a
 * registered user, is UNAUTHENTICATED; `reason` and the detail say which, so
 * a client knows whether to log in again. The one check of every edge: HTTP
 * routes, GraphQL and the socket.io handshake and commands all call `verify`.
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
    private readonly subjects: SubjectCheck,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Only for a user proved registered (registration decided, or credentials read at login): its subject is remembered as known. */
  async issue(userId: string): Promise<string> {
    this.subjects.remember(userId);
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
    const { userId, expiresAtMs } = await this.signed(token);
    // A signature proves who signed, not that the user exists: a holder of the secret (or of a
    // leaked development secret) could sign for any id. Only tokens whose subject is registered
    // get in. A store failing during the lookup is not the token's fault: it stays 503, not 401.
    if (!(await this.subjects.exists(userId))) throw refuseToken('UNKNOWN_SUBJECT', 'the token names no registered user; log in again');
    this.remember(token, userId, expiresAtMs);
    return { userId };
  }

  /** The token's subject and expiry, if we signed it and it is still valid. */
  private async signed(token: string): Promise<{ userId: string; expiresAtMs: number }> {
    try {
      // `exp` is required: a token without one, signed with our secret by anyone who had it,
      // would be good for ever. jose refuses a token once now >= exp (seconds).
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, requiredClaims: ['exp'] });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw refuseToken('TOKEN_INVALID', 'the token names no user');
      return { userId: payload.sub, expiresAtMs: (payload.exp as number) * 1000 };
    } catch (error) {
      if (error instanceof CausewayError) throw error;
      if (error instanceof errors.JWTExpired) throw refuseToken('TOKEN_EXPIRED', 'the token has expired; log in again');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw refuseToken('TOKEN_WITHOUT_EXPIRY', 'the token has no expiry (exp); log in again');
      }
      throw refuseToken('TOKEN_INVALID', 'the token is not valid');
    }
  }

  private remember(token: string, userId: string, expiresAtMs: number): void {
    // Bounded: past the limit the oldest entry goes (Map keeps insertion order).
    if (this.verified.size >= maxRememberedTokens) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { userId, expiresAtMs });
  }
}
