import { CausewayError } from '@causeway/errors';

type Rule = 'public' | 'signedIn' | 'ownId';

/**
 * Views a client may watch and who may see which document. Everything else
 * (user_credentials above all, users with their emails, other people's
 * dashboards) is refused: watching reads documents directly, so it must not
 * open more than the HTTP and GraphQL edges do.
 */
const RULES: Readonly<Record<string, Rule>> = {
  auctions: 'public',
  auction_details: 'public',
  documents: 'signedIn',
  dashboards: 'ownId',
};

export const watchableViews: readonly string[] = Object.keys(RULES);

export function checkWatch(view: unknown, id: unknown, userId: string | undefined): { view: string; id: string } {
  if (typeof view !== 'string' || !Object.hasOwn(RULES, view)) {
    throw new CausewayError('VALIDATION_FAILED', `view must be one of ${watchableViews.join(', ')}, got ${JSON.stringify(view)}`);
  }
  if (typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw new CausewayError('VALIDATION_FAILED', 'id must be a non-empty string of at most 200 characters');
  const rule = RULES[view];
  if (rule !== 'public' && userId === undefined) throw new CausewayError('UNAUTHENTICATED', `watching ${view} needs a token`);
  if (rule === 'ownId' && id !== userId) throw new CausewayError('FORBIDDEN', `you may watch only your own ${view} document`);
  return { view, id };
}
