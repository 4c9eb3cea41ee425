import { defineComponent } from '@causeway/runtime';
import { emailKey } from './emailKey.ts';
import { decideIdentity } from './decideIdentity.ts';
import { evolveIdentity, initialIdentityState } from './identityState.ts';

/** The identity component: entity `identity-<emailKey(email)>`, commands on `identity:command-<emailKey(email)>`. */
export const identity = defineComponent({
  name: 'identity',
  category: 'identity',
  commands: ['RegisterUser'],
  // The stream of the normalised email, so two registrations of one email meet on one
  // entity and only one can win. Sent by someone not signed in yet: nobody to act for.
  routes: { RegisterUser: { id: (d) => emailKey(d.email), sentBy: 'user', actsFor: () => [] } },
  events: ['UserRegistered', 'UserRegistrationRejected'],
  rejections: ['UserRegistrationRejected'],
  initialState: initialIdentityState,
  evolve: evolveIdentity,
  decide: decideIdentity,
});
