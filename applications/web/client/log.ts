import { refusalReason } from './bidRefusal.ts';
import { CommandLog, type CommandEntry, type Step } from './commandLog.ts';
import { onDashboardChange, recorded } from './dashboard.ts';
import { byId } from './dom.ts';
import type { Lifecycle } from './live.ts';

const MAX_COMMANDS = 100;
const REFUSALS = new Set(['BidRejected', 'FundsReservationRejected']);

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

let log = new CommandLog(undefined, MAX_COMMANDS);
let owner: { userId: string | undefined } | undefined;

/**
 * The log of the user's commands: one entry per command, its steps in words in the order they happened in
 * the event log (positions), each step one line however many pushes are about it (its outcome, then each
 * view applying it). Lines are inserted, not redrawn: the list is aria-live on additions, so a screen
 * reader hears each new step once; a line's views and a refusal's reason change it in place, unannounced.
 */
export function logLifecycle(name: string, event: Lifecycle): void {
  const entry = log.add(name, event);
  if (entry) render(entry);
}

/** The log is this user's (or nobody's): a different one starts an empty log of their own. */
export function startLog(userId: string | undefined): void {
  if (owner && owner.userId === userId) return;
  owner = { userId };
  log = new CommandLog(userId, MAX_COMMANDS);
  byId('log').replaceChildren();
}

// A refusal's reason reaches the dashboard view after its push: word the refused steps again when it does.
onDashboardChange(() => {
  for (const entry of log.commands()) if (entry.steps.some((s) => REFUSALS.has(s.eventType))) render(entry);
});

function render(entry: CommandEntry): void {
  const list = byId<HTMLOListElement>('log');
  let item = [...list.children].find((li) => li instanceof HTMLElement && li.dataset.commandId === entry.commandId) as HTMLElement | undefined;
  if (!item) {
    item = document.createElement('li');
    item.dataset.commandId = entry.commandId;
    const title = Object.assign(document.createElement('span'), { className: 'command-name', textContent: entry.name });
    const id = Object.assign(document.createElement('span'), { className: 'muted', textContent: ` · ${entry.commandId.slice(0, 8)}` });
    item.append(title, id, document.createElement('ol'));
    list.append(item);
    while (list.children.length > MAX_COMMANDS) list.firstElementChild?.remove();
    list.scrollTop = list.scrollHeight;
  }
  const steps = item.querySelector('ol');
  if (!steps) return;
  entry.steps.forEach((step, index) => {
    let line = [...steps.children].find((li) => li instanceof HTMLElement && li.dataset.key === step.key) as HTMLElement | undefined;
    if (!line) {
      line = document.createElement('li');
      line.dataset.key = step.key;
      line.className = step.failed ? 'step failed' : 'step';
      // Before the step that follows it in the log, wherever the pushes put that one.
      steps.insertBefore(line, steps.children[index] ?? null);
    }
    fill(line, entry.commandId, step);
  });
}

function fill(line: HTMLElement, commandId: string, step: Step): void {
  const rejection = REFUSALS.has(step.eventType) ? recorded(commandId) : undefined;
  const label = rejection ? `${step.label}: ${refusalReason(rejection, { currency: rejection.currency ?? 'EUR', amount: rejection.amount })}` : step.label;
  const views = step.views.size ? ` (applied by ${[...step.views].sort().join(', ')})` : '';
  line.replaceChildren(
    Object.assign(document.createElement('time'), { dateTime: step.at, textContent: clock(step.at) }),
    ' ',
    Object.assign(document.createElement('span'), { className: 'step-label', textContent: label }),
    Object.assign(document.createElement('span'), { className: 'muted', textContent: views }),
  );
}
