import { postJson } from './api.ts';
import { problem } from './account.ts';
import { byId, onSubmit, say, text } from './dom.ts';
import type { Live } from './live.ts';
import { toMinor } from './money.ts';
import type { Session } from './session.ts';
import { uuid } from './uuid.ts';

/**
 * Opening an auction is two commands: the lot as a document of collection `lots` (HTTP, the documents API),
 * then OpenAuction naming it (socket.io). OpenAuction is checked first (a dry run), so a refused auction
 * leaves no lot behind. `opened` runs once the board and detail views show the auction.
 */
export function bindSellForm(live: Live, session: () => Session | undefined, opened: (auctionId: string) => void): void {
  onSubmit(byId<HTMLFormElement>('open-form'), async (form) => {
    const user = session();
    if (!user) return;
    const title = text(form, 'title');
    const startingPrice = toMinor(text(form, 'startingPrice'));
    const minimumIncrement = toMinor(text(form, 'minimumIncrement'));
    const minutes = Number(text(form, 'minutes'));
    if (!Number.isInteger(startingPrice) || !Number.isInteger(minimumIncrement)) return say('open-status', 'Enter prices such as 10.00.', 'error');
    const auctionId = uuid();
    const auction = (lotId: string) => ({
      auctionId,
      sellerId: user.userId,
      lotId,
      title,
      startingPrice,
      minimumIncrement,
      currency: 'EUR',
      closesAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    });
    // The lot's id is the gateway's to choose: any UUID stands in for it in the check.
    const check = await postJson('/commands/OpenAuction?dryRun=true', auction(uuid()), user.token);
    if (check.status !== 200) return say('open-status', `The auction cannot be opened: ${problem(check.body)}`, 'error');
    say('open-status', 'Recording the lot…');
    const lot = await postJson<{ documentId: string }>('/documents/lots', { title, description: text(form, 'description') }, user.token);
    if (lot.status !== 202) return say('open-status', `The lot was not recorded: ${problem(lot.body)}`, 'error');
    say('open-status', 'Opening the auction…');
    const ack = await live.command('OpenAuction', auction(lot.body.documentId));
    if (!ack.ok) return say('open-status', `The auction was not opened: ${problem(ack.error)}`, 'error');
    // Both views the page reads must have it before the page shows it, or the panel would show nothing.
    const shown = new Set<string>();
    const done = await live.until(ack.commandId, (_n, e) => {
      if (e.status === 'REJECTED' || e.status === 'FAILED') return true;
      if (e.status === 'PROJECTION_UPDATED' && e.aggregator) shown.add(e.aggregator);
      return shown.has('auction-board') && shown.has('auction-detail');
    });
    if (done && (done.event.status === 'REJECTED' || done.event.status === 'FAILED'))
      return say('open-status', 'The auction was refused: see the log below.', 'error');
    byId<HTMLFormElement>('open-form').reset();
    say('open-status', `Auction “${title}” is open.`, 'ok');
    opened(auctionId);
  });
}
