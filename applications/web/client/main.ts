import { bindAccountForms } from './account.ts';
import { GraphQLError } from './api.ts';
import { bindBidForm, renderAuction, setAuctionUser, showAuction, shownAuction } from './auction.ts';
import { loadBoard, renderBoard, retireIfClosed } from './board.ts';
import { byId, say } from './dom.ts';
import { Live } from './live.ts';
import { setDashboard } from './dashboard.ts';
import { logLifecycle, startLog } from './log.ts';
import { showNotices } from './notices.ts';
import { fromBoardDoc, fromDetailDoc } from './model.ts';
import { loadSession, saveSession, type Session } from './session.ts';
import { bindSellForm } from './sell.ts';
import { mergeAuction, onAuctionChange } from './store.ts';
import { bindDepositForm, refreshFunds } from './wallet.ts';

const BOARD_REFRESH_MS = 20_000;
const live = new Live();
let session: Session | undefined = loadSession();

live.onLifecycle = logLifecycle;
live.onUnauthenticated = expired;
live.onConnection = (connected) => {
  byId('connection').textContent = connected ? 'Live' : 'Reconnecting…';
};
live.onView('auctions', (id, doc) => mergeAuction(id, fromBoardDoc(doc), 'auctions'));
live.onView('auction_details', (id, doc) => mergeAuction(id, fromDetailDoc(doc), 'auction_details'));
live.onView('dashboards', (id, doc, position) => {
  if (!session || id !== session.userId) return;
  setDashboard(doc);
  showNotices(doc);
  void refreshFunds(session, position).catch(failed);
});
onAuctionChange((id) => {
  retireIfClosed(live, id, shownAuction());
  renderBoard(shownAuction());
  renderAuction(id);
});

/** Shows the page for the signed-in user (or the anonymous one) and reconnects the socket as them. */
function become(next: Session | undefined): void {
  if (session && session.userId !== next?.userId) live.unwatch('dashboards', session.userId);
  startLog(next?.userId);
  session = next;
  // Another user's notices never stay on screen; the new user's watch sends theirs.
  setDashboard(undefined);
  showNotices(undefined);
  byId('account').hidden = !!session;
  byId('signed-in').hidden = !session;
  byId('logout').hidden = !session;
  byId('whoami').textContent = session ? `Signed in as ${session.displayName || session.userId}` : 'Not signed in';
  setAuctionUser(session);
  live.connect(session?.token);
  if (session) {
    live.watch('dashboards', session.userId);
    void refreshFunds(session).catch(failed);
  }
}

// An expired token (1 hour) is refused: sign out so the forms show, rather than failing silently.
function expired(): void {
  saveSession(undefined);
  become(undefined);
  say('account-status', 'Your session has expired: log in again.', 'error');
}

function failed(error: unknown): void {
  if (error instanceof GraphQLError && error.status === 401) return expired();
  console.error(error);
}

function route(): void {
  const match = /^#\/auction\/([0-9a-f-]{36})$/.exec(location.hash);
  void showAuction(live, match?.[1]).catch(failed);
  renderBoard(match?.[1]);
}

bindAccountForms(become);
bindDepositForm(live, () => session);
bindSellForm(
  live,
  () => session,
  (auctionId) => {
    void loadBoard(live, shownAuction()).catch(failed);
    location.hash = `#/auction/${auctionId}`;
  },
);
bindBidForm(live);
byId('logout').addEventListener('click', () => {
  saveSession(undefined);
  become(undefined);
});
byId('board-refresh').addEventListener('click', () => void loadBoard(live, shownAuction()).catch(failed));
window.addEventListener('hashchange', route);
// A watch follows known auctions; new ones (opened by others) come with a light GraphQL read now and then.
setInterval(() => {
  if (document.visibilityState === 'visible') void loadBoard(live, shownAuction()).catch(failed);
}, BOARD_REFRESH_MS);

become(session);
void loadBoard(live, shownAuction()).catch(failed);
route();
