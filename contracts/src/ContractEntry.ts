import type { RawValidationError } from '@causeway/validation';

export type ContractKind = 'command' | 'event' | 'envelope';

/** A precompiled validator: true when valid; otherwise `errors` holds every violation. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: RawValidationError[] | null;
}

/** One contract version as the generated registry describes it. */
export interface ContractEntry {
  /** `<context>/<Type>@<N>` */
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly kind: ContractKind;
  readonly context: string;
  /** Whether this is the version producers write today. */
  readonly latest: boolean;
  readonly validate: CompiledValidator;
  /** Lifts data of version N-1 to this version; undefined for version 1. */
  readonly upcastFromPrevious: ((data: unknown) => unknown) | undefined;
  /** The self-contained (bundled) JSON Schema. */
  readonly schema: Readonly<Record<string, unknown>>;
}
