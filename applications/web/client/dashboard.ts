import type { ViewDoc } from './live.ts';

/** A refusal as the user-dashboard view records it, under the id of the command it answers. */
export interface Rejection {
  readonly refusedBy: 'wallet' | 'auction';
  readonly reason: string;
  readonly amount?: number;
  readonly currency?: string;
  readonly minimumAcceptable?: number;
  readonly available?: number;
}

// The signed-in user's dashboards document, as its watch last delivered it.
let current: ViewDoc | undefined;
const listeners = new Set<() => void>();

export function setDashboard(doc: ViewDoc | undefined): void {
  current = doc;
  for (const listener of listeners) listener();
}

/** Runs after every change of the dashboard document (the log words refusals with it). */
export function onDashboardChange(listener: () => void): void {
  listeners.add(listener);
}

export function recorded(commandId: string): Rejection | undefined {
  return (current?.rejections as Record<string, Rejection> | undefined)?.[commandId];
}

/**
 * Why this command was refused, once the dashboard has it, or undefined after `ms`. The saga's failure can
 * reach the page before the view has applied the refusal, so this waits for the watch to bring it.
 */
export function rejectionOf(commandId: string, ms = 10_000): Promise<Rejection | undefined> {
  const known = recorded(commandId);
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => {
    const finish = (result: Rejection | undefined) => {
      clearTimeout(timer);
      listeners.delete(check);
      resolve(result);
    };
    const check = () => {
      const found = recorded(commandId);
      if (found) finish(found);
    };
    const timer = setTimeout(() => finish(undefined), ms);
    listeners.add(check);
  });
}
