export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly displayName: string;
}

// sessionStorage: the sign-in lasts as long as the tab, and each tab (or browser context) can be a different user.
const KEY = 'causeway.session';

export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const value = raw ? (JSON.parse(raw) as Partial<Session>) : undefined;
    return value?.token && value.userId ? { token: value.token, userId: value.userId, displayName: value.displayName ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** The user id is the token's `sub`; the login answer carries only the token. */
export function userIdOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const sub = (JSON.parse(json) as { sub?: unknown }).sub;
  if (typeof sub !== 'string') throw new Error('the token names no user');
  return sub;
}
