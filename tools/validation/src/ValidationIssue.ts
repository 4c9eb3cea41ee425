/** One violation, precise enough for a person and for a machine. */
export interface ValidationIssue {
  /** Where, as `data/field/0/sub` (the message's data is `data`). */
  readonly path: string;
  /** JSON Pointer into the message data. */
  readonly pointer: string;
  /** The JSON Schema keyword that failed. */
  readonly keyword: string;
  /** e.g. `data/amount must be an integer >= 1, got -5` */
  readonly message: string;
}

/** The subset of ajv's ErrorObject this package reads (verbose mode). */
export interface RawValidationError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
  readonly schema?: unknown;
  readonly parentSchema?: Record<string, unknown>;
  readonly data?: unknown;
}
