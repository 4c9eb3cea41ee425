/** One finding of `causeway contracts check`, pinned to a schema and a place in it. */
export interface ContractProblem {
  /** Contract id, or the file when no id could be read. */
  readonly schema: string;
  /** JSON Pointer into the schema (or the example), `''` for the whole. */
  readonly pointer: string;
  /** Short rule name, e.g. `removed-property`, `naming/event-past-tense`. */
  readonly rule: string;
  readonly message: string;
}

export function formatProblem(p: ContractProblem): string {
  return `${p.schema}${p.pointer ? ` at ${p.pointer}` : ''}: [${p.rule}] ${p.message}`;
}
