export { identity } from './identity.ts';
export { emailKey, normalizeEmail } from './emailKey.ts';
export { decideIdentity, type IdentityCommand } from './decideIdentity.ts';
export { evolveIdentity, initialIdentityState, type IdentityEvent, type IdentityState } from './identityState.ts';
