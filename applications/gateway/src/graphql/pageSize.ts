import { GraphQLError } from 'graphql';
import { DEFAULT_PAGE_SIZE } from './limits.ts';

/** `first` checked against the limit; refused rather than clamped so a client never silently loses rows. */
export function pageSize(first: number | null | undefined, max: number): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (first < 1 || first > max) throw new GraphQLError(`first must be between 1 and ${max}, got ${first}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return first;
}
