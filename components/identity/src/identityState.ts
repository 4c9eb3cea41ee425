import type { RecordedEvent } from '@causeway/runtime';

/** An identity entity is one email address; it holds the user who registered it, if any. */
export interface IdentityState {
  readonly registered: { readonly userId: string; readonly normalizedEmail: string } | undefined;
}

export type IdentityEvent = 'UserRegistered' | 'UserRegistrationRejected';

export const initialIdentityState = (): IdentityState => ({ registered: undefined });

export function evolveIdentity(state: IdentityState, event: RecordedEvent<IdentityEvent>): IdentityState {
  switch (event.type) {
    case 'UserRegistered':
      return { registered: { userId: event.data.userId, normalizedEmail: event.data.normalizedEmail } };
    case 'UserRegistrationRejected':
      return state;
  }
}
