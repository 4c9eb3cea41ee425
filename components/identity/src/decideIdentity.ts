import { streamNames, type EmittedEvent, type RecordedCommand } from '@causeway/runtime';
import { emailKey, normalizeEmail } from './emailKey.ts';
import type { IdentityEvent, IdentityState } from './identityState.ts';

export type IdentityCommand = 'RegisterUser';

/**
 * The first registration of an email wins; any later one, whatever the
 * case or spacing, is refused. The command must arrive on the stream of its
 * email's key: a misrouted one would register an email on a stream where
 * uniqueness is not checked, so it fails loudly (recorded as CommandFailed)
 * instead.
 */
export function decideIdentity(command: RecordedCommand<IdentityCommand>, state: IdentityState): EmittedEvent<IdentityEvent>[] {
  const { userId, email, displayName, passwordHash } = command.data;
  const at = command.created.toISOString();
  const target = streamNames.idOf(command.streamName);
  if (target !== emailKey(email))
    throw new Error(`RegisterUser for ${JSON.stringify(email)} arrived on ${command.streamName}; send it to the command stream of emailKey(email)`);
  if (state.registered) {
    // The same user registering again (a retried sign-up) is told apart from somebody else taking the address.
    const reason = state.registered.userId === userId ? 'USER_EXISTS' : 'EMAIL_TAKEN';
    return [{ type: 'UserRegistrationRejected', data: { userId, email, reason, rejectedAt: at } }];
  }
  return [{ type: 'UserRegistered', data: { userId, email, normalizedEmail: normalizeEmail(email), displayName, passwordHash, registeredAt: at } }];
}
