import type { EventType } from '@causeway/contracts';
import type { Suite } from './Suite.ts';

/** An event type a component appends to a category an aggregator follows, which that aggregator neither handles nor ignores. */
export interface UncoveredEvent {
  readonly aggregator: string;
  readonly category: string;
  readonly component: string;
  readonly type: EventType;
}

/**
 * The check that a component's new event type reaches the views: for every aggregator, every event
 * type declared by a component whose category it follows must be in its `handlers` or its
 * `ignores`. Aggregators that follow every category and type alike (command-status) pass by
 * handling all of them.
 */
export function uncoveredEvents(suite: Pick<Suite, 'components' | 'aggregators'>): UncoveredEvent[] {
  const out: UncoveredEvent[] = [];
  for (const aggregator of suite.aggregators) {
    const covered = new Set<string>([...Object.keys(aggregator.handlers), ...(aggregator.ignores ?? [])]);
    for (const component of suite.components) {
      if (!aggregator.categories.includes(component.category)) continue;
      for (const type of component.events as EventType[]) {
        if (!covered.has(type)) out.push({ aggregator: aggregator.name, category: component.category, component: component.name, type });
      }
    }
  }
  return out;
}
