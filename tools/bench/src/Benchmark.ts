/** One row of a benchmark's table: what was measured, the figure, and the target if any. */
export interface BenchRow {
  readonly metric: string;
  readonly value: string;
  readonly target?: string;
  readonly baseline?: string;
}

/** A named benchmark; `run` reports progress on stderr and returns its table. */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(progress: (line: string) => void): Promise<readonly BenchRow[]>;
}
