import { emailKey } from './emailKey.ts';

/**
 * Where applications write RegisterUser: the stream of the normalised email,
 * so two registrations of one email meet on one entity and only one can win.
 */
export const commandRoutes = {
  RegisterUser: (data: { email: string }) => ({ category: 'identity', id: emailKey(data.email) }),
};
