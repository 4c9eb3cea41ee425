import type { BenchRow } from './Benchmark.ts';

/** Renders rows as a Markdown table, so the output pastes straight into a note. */
export function printTable(title: string, rows: readonly BenchRow[]): string {
  const header = ['metric', 'value', 'baseline (same run)', 'target'];
  const body = rows.map((r) => [r.metric, r.value, r.baseline ?? '', r.target ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [`### ${title}`, line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}
