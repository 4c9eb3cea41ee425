import { CausewayError } from '@causeway/errors';
import { SignJWT, errors, jwtVerify } from 'jose';

/** Who a request acts for, from a verified token. */
export interface AuthenticatedUser {
  readonly userId: string;
}

const ISSUER = 'causeway-gateway';

/**
 * HS256 JWTs: the user id as `sub`, an expiry, and our issuer. Any token
 * that is missing, expired, forged or malformed is UNAUTHENTICATED; the
 * detail says which, so a client knows whether to log in again.
 */
export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string): Promise<string> {
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuer(ISSUER).setIssuedAt().setExpirationTime(`${this.ttlSeconds}s`).sign(this.key);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new CausewayError('UNAUTHENTICATED', 'the token names no user');
      return { userId: payload.sub };
    } catch (error) {
      if (error instanceof CausewayError) throw error;
      if (error instanceof errors.JWTExpired) throw new CausewayError('UNAUTHENTICATED', 'the token has expired; log in again');
      throw new CausewayError('UNAUTHENTICATED', 'the token is not valid');
    }
  }
}
