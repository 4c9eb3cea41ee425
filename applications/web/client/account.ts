import { postJson, query } from './api.ts';
import { byId, onSubmit, say, text } from './dom.ts';
import { saveSession, userIdOf, type Session } from './session.ts';

/** Register and log in; `signIn` receives the new session (kept in sessionStorage). */
export function bindAccountForms(signIn: (session: Session) => void): void {
  onSubmit(byId<HTMLFormElement>('register-form'), async (form) => {
    const displayName = text(form, 'displayName');
    say('account-status', 'Registering…');
    const answer = await postJson<{ userId: string; token?: string }>('/auth/register', {
      email: text(form, 'email'),
      displayName,
      password: form.get('password'),
    });
    if (answer.status === 201 && answer.body.token) return signIn(remember({ token: answer.body.token, userId: answer.body.userId, displayName }));
    if (answer.status === 202) return say('account-status', 'Registered, but it is taking a while: log in in a moment.');
    say('account-status', answer.status === 409 ? 'That email is already registered: log in instead.' : problem(answer.body), 'error');
  });
  onSubmit(byId<HTMLFormElement>('login-form'), async (form) => {
    say('account-status', 'Logging in…');
    const answer = await postJson<{ token?: string }>('/auth/login', { email: text(form, 'email'), password: form.get('password') });
    if (answer.status !== 200 || !answer.body.token)
      return say('account-status', answer.status === 401 ? 'Wrong email or password.' : problem(answer.body), 'error');
    const token = answer.body.token;
    const me = await query<{ me: { displayName: string | null } }>('{ me { displayName } }', {}, token).catch(() => ({ me: { displayName: null } }));
    signIn(remember({ token, userId: userIdOf(token), displayName: me.me.displayName ?? '' }));
  });
}

function remember(session: Session): Session {
  saveSession(session);
  byId<HTMLFormElement>('register-form').reset();
  byId<HTMLFormElement>('login-form').reset();
  say('account-status', '');
  return session;
}

export function problem(body: { detail?: string; code?: string; issues?: readonly { message: string }[] }): string {
  const issues = body.issues?.map((i) => i.message).join('; ');
  return issues || body.detail || body.code || 'Something went wrong.';
}
