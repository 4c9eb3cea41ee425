import { CausewayError } from '@causeway/errors';
import { emailKey, normalizeEmail } from '@causeway/identity';
import { streamNames, type AggregatorOptions, type MessageStore } from '@causeway/runtime';
import { checkAuthBody } from './checkAuthBody.ts';
import { hashPassword, verifyPassword } from './passwordHash.ts';
import type { LoginLimiter } from './LoginLimiter.ts';
import type { TokenIssuer } from './TokenIssuer.ts';

export interface LogInContext {
  readonly store: MessageStore;
  readonly db: AggregatorOptions['db'];
  readonly tokens: TokenIssuer;
  readonly limiter: LoginLimiter;
  /** The client's address, for the per-address bound. */
  readonly address: string;
}

interface Credentials {
  readonly userId: string;
  readonly passwordHash: string;
}

// Compared against when the email is unknown, so both failures cost the same time.
let decoy: Promise<string> | undefined;

async function credentialsOf(context: LogInContext, email: string): Promise<Credentials | undefined> {
  const doc = await context.db.collection<{ _id: string; userId: string; passwordHash: string }>('user_credentials').findOne({ _id: normalizeEmail(email) });
  if (doc) return { userId: doc.userId, passwordHash: doc.passwordHash };
  // Read your writes: a user who has just registered may not be in the view
  // yet; the identity stream of the address is the truth the view follows.
  let registered: Credentials | undefined;
  for await (const message of context.store.readStream(streamNames.entity('identity', emailKey(email)))) {
    if (message.type === 'UserRegistered') registered = { userId: message.data.userId, passwordHash: message.data.passwordHash };
  }
  return registered;
}

/** Email and password → a token, or 401 that never says which of the two was wrong. */
export async function logIn(context: LogInContext, body: unknown): Promise<{ token: string }> {
  const { email, password } = checkAuthBody(body, ['email', 'password']);
  await context.limiter.attempt(email, context.address);
  const credentials = await credentialsOf(context, email);
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await (decoy ??= hashPassword('decoy password never used'))));
  if (!credentials || !ok) throw new CausewayError('UNAUTHENTICATED', 'email or password is wrong');
  await context.limiter.succeeded(email);
  return { token: await context.tokens.issue(credentials.userId) };
}
