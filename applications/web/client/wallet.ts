import { query } from './api.ts';
import { problem } from './account.ts';
import { byId, onSubmit, say, text } from './dom.ts';
import type { Live } from './live.ts';
import { formatMoney, toMinor } from './money.ts';
import type { Session } from './session.ts';

interface Funds {
  readonly currency: string;
  readonly balance: number;
  readonly reserved: number;
  readonly available: number;
}

/** The wallet line, read through GraphQL; `minPosition` makes it include the change that triggered the refresh. */
export async function refreshFunds(session: Session, minPosition?: string): Promise<void> {
  const data = await query<{ me: { funds: Funds[] } }>(
    'query Me($p: String) { me(minPosition: $p) { funds { currency balance reserved available } } }',
    { p: minPosition ?? null },
    session.token,
  );
  byId('funds').textContent = data.me.funds.length
    ? data.me.funds.map((f) => `${formatMoney(f.available, f.currency)} available (${formatMoney(f.reserved, f.currency)} reserved for bids)`).join('; ')
    : 'No funds yet: deposit some to bid.';
}

/** Deposit: DepositFunds over socket.io into the user's own wallet (walletId = user id). */
export function bindDepositForm(live: Live, session: () => Session | undefined): void {
  onSubmit(byId<HTMLFormElement>('deposit-form'), async (form) => {
    const user = session();
    const amount = toMinor(text(form, 'amount'));
    if (!user) return;
    if (!Number.isInteger(amount)) return say('deposit-status', 'Enter an amount such as 50.00.', 'error');
    say('deposit-status', `Depositing ${formatMoney(amount, 'EUR')}…`);
    const ack = await live.command('DepositFunds', { walletId: user.userId, amount, currency: 'EUR' });
    if (!ack.ok) return say('deposit-status', `Not deposited: ${problem(ack.error)}`, 'error');
    byId<HTMLFormElement>('deposit-form').reset();
    // The wallet line follows the dashboards view (watched in main.ts); this line says the command went out.
    say('deposit-status', `Deposit of ${formatMoney(amount, 'EUR')} sent.`, 'ok');
  });
}
