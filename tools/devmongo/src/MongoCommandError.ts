/**
 * MongoDB's numeric error codes with the names the server sends beside them.
 * Drivers branch on `code` (and sometimes `codeName`), so both must match the
 * real server exactly.
 */
export const mongoCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  Overflow: 15,
  IllegalOperation: 20,
  InvalidBSON: 22,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  InvalidIdField: 53,
  CannotIndexParallelArrays: 171,
  InvalidPipelineOperator: 168,
  Location40324: 40324,
  Location40415: 40415,
  /** OP_MSG with two body sections. */
  Location40430: 40430,
  /** OP_MSG section of an unknown kind. */
  Location40432: 40432,
  /** OP_MSG without a body section. */
  Location40587: 40587,
  /** An update whose resulting document is over 16 MiB. */
  Location17419: 17419,
  /** An upsert whose new document is over 16 MiB. */
  Location17420: 17420,
  BSONObjectTooLarge: 10334,
  NotImplemented: 238,
  Location31254: 31254,
  Unauthorized: 13,
  DuplicateKey: 11000,
} as const;

export type MongoCodeName = keyof typeof mongoCodes;

/**
 * An error destined for the wire: command errors become `{ok: 0, errmsg, code,
 * codeName}` and write errors become entries of `writeErrors`. Our own API
 * errors use CausewayError; this one only ever travels to a MongoDB driver.
 */
export class MongoCommandError extends Error {
  override readonly name = 'MongoCommandError';
  readonly code: number;
  readonly codeName: MongoCodeName;
  /** Extra fields merged into the error document (keyPattern, keyValue…). */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(codeName: MongoCodeName, message: string, extra: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.codeName = codeName;
    this.code = mongoCodes[codeName];
    this.extra = extra;
  }

  toErrorDocument(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** Anything thrown by a handler becomes a MongoCommandError; unexpected bugs keep their message. */
export function toMongoError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MongoCommandError('InternalError', message);
}
