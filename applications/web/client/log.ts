import type { Lifecycle } from './live.ts';
import { byId } from './dom.ts';

const MAX_ENTRIES = 200;

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

/**
 * Appends one lifecycle event to the log (an aria-live list, so screen readers hear each step as it happens).
 * A command's PROJECTION_UPDATED events (one per view and event, a dozen for a bid) extend one line
 * instead: additions are announced, changes to a line are not, so the log stays listenable.
 * Newest last, as a log reads; the oldest entries go so a long session stays light.
 */
export function logLifecycle(name: string, event: Lifecycle): void {
  const list = byId<HTMLOListElement>('log');
  const [, type = '', status = event.status] = name.split('/');
  const head = `${type} ${status}`;
  const short = event.commandId.slice(0, 8);
  if (status === 'PROJECTION_UPDATED') {
    const key = `${event.commandId}/${status}`;
    const existing = [...list.children].find((li) => li instanceof HTMLElement && li.dataset.key === key) as HTMLElement | undefined;
    const item = existing ?? entry(list, status);
    item.dataset.key = key;
    const views = new Set((item.dataset.views ?? '').split('|').filter(Boolean));
    views.add(`${event.aggregator ?? '?'}: ${event.events?.map((e) => e.type).join(', ') ?? ''}`);
    item.dataset.views = [...views].join('|');
    item.textContent = `${clock(event.at)} ${head} (${[...views].join('; ')}) · ${short}`;
    return;
  }
  const details = [event.events?.map((e) => e.type).join(', ') ?? '', event.error ? `${event.error.code}: ${event.error.detail ?? ''}` : ''].filter(Boolean);
  entry(list, status).textContent = `${clock(event.at)} ${head}${details.length ? ` (${details.join('; ')})` : ''} · ${short}`;
}

function entry(list: HTMLOListElement, status: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = status;
  list.append(item);
  while (list.children.length > MAX_ENTRIES) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
  return item;
}
