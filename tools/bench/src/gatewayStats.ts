/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? `${Math.round(n)}` : n.toFixed(1));

/** `p50 / p95 / p99 ms (n)` of the samples. */
export function spread(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no samples';
  return `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))} / ${ms(percentile(sorted, 99))} ms (n=${sorted.length})`;
}

export const median = (samples: readonly number[]): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
export const p99 = (samples: readonly number[]): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    99,
  );
export { ms as formatMs };
