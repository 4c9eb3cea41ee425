/** What a schema file declares about itself, read from its path and `$id`. */
export type ContractKind = 'command' | 'event' | 'envelope';

/** A JSON Schema as plain data; codegen never needs more structure than this. */
export type JsonSchema = { [key: string]: unknown };

export interface ContractSource {
  /** `<context>/<Type>@<N>` */
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly kind: ContractKind;
  readonly context: string;
  /** Path relative to the contracts root, with forward slashes. */
  readonly file: string;
  /** The schema as written, with references to shared files. */
  readonly schema: JsonSchema;
  /** The schema with every shared file inlined under `definitions`: self-contained. */
  readonly bundled: JsonSchema;
  /** Path of the upcaster from the previous version, relative to the contracts root, if the file exists. */
  readonly upcasterFile?: string;
}
