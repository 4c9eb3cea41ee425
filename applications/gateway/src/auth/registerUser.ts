import { randomUUID } from 'node:crypto';
import { validateMessage } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { emailKey } from '@causeway/identity';
import { formatPosition, streamNames, type MessageStore, type Recorded } from '@causeway/runtime';
import { readAuthBody } from './checkAuthBody.ts';
import { hashPassword } from './passwordHash.ts';
import type { TokenIssuer } from './TokenIssuer.ts';

export type Registration =
  | { readonly status: 201; readonly body: { readonly userId: string; readonly token: string } }
  | { readonly status: 202; readonly body: { readonly userId: string; readonly commandId: string; readonly position: string; readonly stream: string } };

// A syntactically valid stand-in, so the contract checks email and name before the (slow) hashing.
const PLACEHOLDER_HASH = `scrypt$16384$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`;
// Stands in for a field that is missing or not a string, so that the contract reports only the others.
const PLACEHOLDER_EMAIL = 'placeholder@example.com';

export interface RegisterContext {
  readonly store: MessageStore;
  readonly tokens: TokenIssuer;
  readonly waitMs: number;
}

async function outcomeOf(store: MessageStore, stream: string, commandId: string): Promise<Recorded | undefined> {
  let found: Recorded | undefined;
  for await (const message of store.readStream(stream)) if (message.metadata.causationId === commandId) found = message;
  return found;
}

// Reads to the end on purpose: leaving a read early leaves its gRPC call open (see the runtime README).
async function isTaken(store: MessageStore, stream: string): Promise<boolean> {
  let taken = false;
  for await (const message of store.readStream(stream)) if (message.type === 'UserRegistered') taken = true;
  return taken;
}

/**
 * Registration is a command like any other (RegisterUser on the email's
 * identity stream); the HTTP answer waits, bounded, for the identity
 * component's decision, by reading that one short stream. An address already
 * taken is refused before anything is written; two sign-ups racing for one
 * address are settled by the component, and the loser gets 409 as well.
 */
export async function registerUser(context: RegisterContext, body: unknown): Promise<Registration> {
  const { values, issues } = readAuthBody(body, ['email', 'displayName', 'password']);
  // Surrounding spaces are a typing accident, not part of an address.
  const email = values.email?.trim();
  const userId = randomUUID();
  // The contract checks email and display name (one place for those rules), on the fields that are
  // strings at all; the others already have their violation. Every one is listed in one answer.
  const probe = validateMessage('RegisterUser', {
    userId,
    email: email ?? PLACEHOLDER_EMAIL,
    displayName: values.displayName ?? 'placeholder',
    passwordHash: PLACEHOLDER_HASH,
  });
  if (!probe.ok) issues.push(...probe.issues);
  if (issues.length > 0 || email === undefined || values.displayName === undefined || values.password === undefined) {
    throw new CausewayError('VALIDATION_FAILED', `the body has ${issues.length} violation(s)`, { issues });
  }
  const { displayName, password } = values;

  const key = emailKey(email);
  const entity = streamNames.entity('identity', key);
  if (await isTaken(context.store, entity)) throw new CausewayError('CONFLICT', 'this email address is already registered');

  const passwordHash = await hashPassword(password);
  const commandId = randomUUID();
  const stream = streamNames.command('identity', key);
  const appended = await context.store.append(stream, [
    { id: commandId, type: 'RegisterUser', data: { userId, email, displayName, passwordHash }, metadata: { userId } },
  ]);

  const deadline = Date.now() + context.waitMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 100)) {
    const outcome = await outcomeOf(context.store, entity, commandId);
    if (outcome?.type === 'UserRegistered') return { status: 201, body: { userId, token: await context.tokens.issue(userId) } };
    if (outcome?.type === 'UserRegistrationRejected') throw new CausewayError('CONFLICT', 'this email address is already registered', { commandId });
    if (outcome?.type === 'CommandFailed') throw new CausewayError('INTERNAL', 'the registration failed; try again', { commandId });
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  // Undecided in time: the command stands and will be decided; the client can log in once it is.
  return { status: 202, body: { userId, commandId, position: appended.position ? formatPosition(appended.position) : '', stream } };
}
