/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns calls per second. */
export function measureRate(fn: () => unknown, ms = 1000): number {
  const warmEnd = performance.now() + Math.min(200, ms / 5);
  while (performance.now() < warmEnd) fn();
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i += 1) fn();
    calls += 1000;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

export const perSecond = (rate: number) => `${Math.round(rate).toLocaleString('en-US')}/s`;
