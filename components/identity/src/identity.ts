import { defineComponent } from '@causeway/runtime';
import { decideIdentity } from './decideIdentity.ts';
import { evolveIdentity, initialIdentityState } from './identityState.ts';

/** The identity component: entity `identity-<emailKey(email)>`, commands on `identity:command-<emailKey(email)>`. */
export const identity = defineComponent({
  name: 'identity',
  category: 'identity',
  commands: ['RegisterUser'],
  events: ['UserRegistered', 'UserRegistrationRejected'],
  rejections: ['UserRegistrationRejected'],
  initialState: initialIdentityState,
  evolve: evolveIdentity,
  decide: decideIdentity,
});
