import type { Lifecycle } from './live.ts';
import { byId } from './dom.ts';

const MAX_ENTRIES = 200;

/**
 * Appends one lifecycle event to the log (an aria-live list, so screen readers hear each step).
 * Newest last, as a log reads; the oldest entries go so a long session stays light.
 */
export function logLifecycle(name: string, event: Lifecycle): void {
  const list = byId<HTMLOListElement>('log');
  const [, type = '', status = event.status] = name.split('/');
  const item = document.createElement('li');
  item.className = status;
  const time = new Date(event.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
  const details = [
    event.aggregator ? `view ${event.aggregator}` : '',
    event.events?.map((e) => e.type).join(', ') ?? '',
    event.error ? `${event.error.code}: ${event.error.detail ?? ''}` : '',
  ].filter(Boolean);
  item.textContent = `${time} ${type} ${status}${details.length ? ` (${details.join('; ')})` : ''} · ${event.commandId.slice(0, 8)}`;
  list.append(item);
  while (list.children.length > MAX_ENTRIES) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
}
