import type { Socket } from 'socket.io';
import { refuseToken, type AuthenticatedUser, type TokenIssuer } from '../auth/TokenIssuer.ts';

/** What a connection carries: its token, checked again at each use (it may expire while connected). */
export interface SocketData {
  token?: string;
  userId?: string;
}

export const userRoom = (userId: string): string => `user:${userId}`;

/** At connection: a valid token names the user; a missing or bad one leaves the connection anonymous. */
export async function identify(socket: Socket, tokens: TokenIssuer): Promise<void> {
  const data = socket.data as SocketData;
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token.length === 0) return;
  data.token = token;
  try {
    const { userId } = await tokens.verify(token);
    data.userId = userId;
  } catch {
    // Anonymous, but the token is kept: a command then fails with the token's own reason (the same
    // check as HTTP's: expired, without expiry, forged, or a subject that is not a registered user).
    // A store failing during the subject lookup leaves it anonymous too; its next command checks again.
  }
}

/** The user a command acts for; UNAUTHENTICATED (with the reason) for anonymous, forged or expired. */
export async function requireSocketUser(socket: Socket, tokens: TokenIssuer): Promise<AuthenticatedUser> {
  const { token } = socket.data as SocketData;
  if (token === undefined) throw refuseToken('TOKEN_MISSING', 'connect with auth: {token} to send commands');
  return tokens.verify(token);
}
