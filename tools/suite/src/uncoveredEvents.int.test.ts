import { describe, expect, it } from 'vitest';
import { loadSuite } from './loadSuite.ts';
import { uncoveredEvents } from './uncoveredEvents.ts';

const suite = await loadSuite();

describe('every event type a component declares reaches the aggregators that follow its category', () => {
  it('holds for the suite in this workspace: each is handled or explicitly ignored', () => {
    expect(uncoveredEvents(suite)).toEqual([]);
  });

  it('fails for a component whose new event type an aggregator of its category neither handles nor ignores', () => {
    const wallets = suite.components.find((c) => c.name === 'wallets');
    expect(wallets).toBeDefined();
    const withNewEvent = { ...wallets, events: [...(wallets?.events ?? []), 'DocumentCreated'] } as typeof wallets & object;
    const components = suite.components.map((c) => (c === wallets ? withNewEvent : c));
    expect(uncoveredEvents({ components, aggregators: suite.aggregators })).toEqual([
      { aggregator: 'user-dashboard', category: 'wallet', component: 'wallets', type: 'DocumentCreated' },
    ]);
  });
});
