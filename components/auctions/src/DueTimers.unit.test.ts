import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DueTimers } from './DueTimers.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('DueTimers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at its instant, not before', () => {
    const timers = new DueTimers();
    const fired: string[] = [];
    timers.set('a', Date.now() + 1_000, () => fired.push('a'));
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
    expect(timers.size).toBe(0);
  });

  it('fires at once for an instant already past', () => {
    const fired: string[] = [];
    new DueTimers().set('late', Date.now() - 5_000, () => fired.push('late'));
    expect(fired).toEqual(['late']);
  });

  it('waits past setTimeout’s 24.8-day limit instead of firing at once', () => {
    const timers = new DueTimers();
    const fired: string[] = [];
    timers.set('far', Date.now() + 40 * DAY, () => fired.push('far'));
    vi.advanceTimersByTime(30 * DAY);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(10 * DAY - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['far']);
  });

  it('re-checks the clock when a timer wakes early', () => {
    let skew = 0;
    const timers = new DueTimers(() => Date.now() - skew);
    const fired: string[] = [];
    timers.set('a', Date.now() + 1_000, () => fired.push('a'));
    skew = 10; // the timer wakes while the clock it trusts still says 10 ms to go
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['a']);
  });

  it('cancels, replaces and clears', () => {
    const timers = new DueTimers();
    const fired: string[] = [];
    timers.set('a', Date.now() + 100, () => fired.push('a'));
    timers.set('b', Date.now() + 100, () => fired.push('b'));
    timers.set('b', Date.now() + 200, () => fired.push('b2'));
    timers.cancel('a');
    vi.advanceTimersByTime(150);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(fired).toEqual(['b2']);
    timers.set('c', Date.now() + 100, () => fired.push('c'));
    timers.clear();
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['b2']);
  });
});
