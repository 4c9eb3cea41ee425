import { CausewayError } from '@causeway/errors';
import { GraphQLError } from 'graphql';
import { expect, it } from 'vitest';
import { publicErrors } from './publicErrors.ts';

const fieldError = (cause: Error) => new GraphQLError(cause.message, { path: ['auctions'], originalError: cause });

it("keeps our own errors, names an unavailable store UNAVAILABLE, and says nothing of any other fault's cause", () => {
  const ours = new GraphQLError('me needs Authorization: Bearer <token>', { path: ['me'], extensions: { code: 'UNAUTHENTICATED' } });
  const down = fieldError(new CausewayError('UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.7:27017'));
  const bug = fieldError(new TypeError("Cannot read properties of undefined (reading 'x') at 10.0.0.7"));
  const { errors, unavailable, faults } = publicErrors([ours, down, bug]);
  expect(errors.map((e) => e.toJSON())).toEqual([
    ours.toJSON(),
    { message: 'a store is unavailable for the moment; try again shortly', path: ['auctions'], extensions: { code: 'UNAVAILABLE' } },
    { message: 'internal error', path: ['auctions'], extensions: { code: 'INTERNAL' } },
  ]);
  expect(unavailable).toBe(true);
  expect(faults).toEqual([bug.originalError]);
  expect(publicErrors([ours]).unavailable).toBe(false);
});
