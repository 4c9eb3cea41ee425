import { randomUUID } from 'node:crypto';
import { componentSpec, type SpecMode } from '@causeway/testing';
import { emailKey } from './emailKey.ts';
import { identity } from './identity.ts';

/**
 * Every identity rule as a given/when/then spec. One list, run pure
 * (identity.unit.test.ts) and through the runtime and a real store
 * (identity.int.test.ts). The entity of a command is its email's key.
 */
export function identitySpecs(mode: SpecMode) {
  const spec = componentSpec(identity, mode, { entityIdOf: (command) => emailKey(command.data.email) });
  // A sender that ignores emailKey: the command lands on some other identity stream.
  const misrouted = componentSpec(identity, mode, { entityIdOf: () => emailKey(`somebody-else-${randomUUID()}@example.com`) });
  const ada = randomUUID();
  const eve = randomUUID();
  const email = `ada.${randomUUID().slice(0, 8)}@example.com`;
  const passwordHash = `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(64)}`;

  const register = (userId: string, asEntered: string) => ({
    type: 'RegisterUser' as const,
    data: { userId, email: asEntered, displayName: 'Ada', passwordHash },
  });
  const registered = (userId: string, asEntered: string) => ({
    type: 'UserRegistered' as const,
    data: { userId, email: asEntered, normalizedEmail: asEntered.toLowerCase(), displayName: 'Ada', passwordHash, registeredAt: '2025-01-01T00:00:00.000Z' },
  });
  const hasPasswordHash = (e: { type: string; data: unknown }) => Object.hasOwn(e.data as object, 'passwordHash') && e.type !== 'UserRegistered';

  return {
    'RegisterUser of a new email registers the user with the email as entered and normalised': () =>
      spec
        .given([])
        .when(register(ada, email.toUpperCase()))
        .then([{ type: 'UserRegistered', data: { userId: ada, email: email.toUpperCase(), normalizedEmail: email, displayName: 'Ada', passwordHash } }]),
    'RegisterUser of a taken email is rejected EMAIL_TAKEN and registers nobody': async () => {
      const when = spec.given([registered(ada, email)]).when(register(eve, email));
      await when.thenRejected('UserRegistrationRejected', { userId: eve, email, reason: 'EMAIL_TAKEN' });
      await when.thenNotEmitted('UserRegistered');
    },
    'RegisterUser of a taken email in another case is rejected EMAIL_TAKEN': async () => {
      const when = spec.given([registered(ada, email)]).when(register(eve, email.toUpperCase()));
      await when.thenRejected('UserRegistrationRejected', { userId: eve, email: email.toUpperCase(), reason: 'EMAIL_TAKEN' });
      await when.thenNotEmitted('UserRegistered');
    },
    'RegisterUser by the user who already holds the email is rejected USER_EXISTS': async () => {
      const when = spec.given([registered(ada, email)]).when(register(ada, email));
      await when.thenRejected('UserRegistrationRejected', { userId: ada, reason: 'USER_EXISTS' });
      await when.thenNotEmitted('UserRegistered');
    },
    'a refused registration does not repeat the password hash': () =>
      spec
        .given([registered(ada, email)])
        .when(register(eve, email))
        .thenNotEmitted(hasPasswordHash),
    'RegisterUser sent to a stream other than its email key fails instead of registering unchecked': () =>
      misrouted.given([]).when(register(ada, email)).thenThrows('send it to the command stream of emailKey(email)'),
  };
}
