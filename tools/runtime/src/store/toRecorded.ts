import { getContract, isKnownType, upcast, validateMessage, type ContractEntry } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { MessageMetadata, Recorded } from '../messages/messages.ts';

const SCHEMA_VERSION = /@(\d+)$/;

interface WrittenAs {
  readonly version: number;
  /** The contract to validate against when the record is of the latest version (no upcast). */
  readonly current: ContractEntry | undefined;
}

// A record's type and `schema` metadata take few values: parse and look them up once each, not per record.
const writtenAs = new Map<string, Map<unknown, WrittenAs>>();

function versionOf(type: string, schema: unknown): WrittenAs {
  let bySchema = writtenAs.get(type);
  if (!bySchema) writtenAs.set(type, (bySchema = new Map()));
  let known = bySchema.get(schema);
  if (!known) {
    const version = typeof schema === 'string' ? Number(SCHEMA_VERSION.exec(schema)?.[1] ?? 1) : 1;
    const latest = getContract(type);
    known = { version, current: latest.version === version ? latest : undefined };
    if (bySchema.size < 64) bySchema.set(schema, known);
  }
  return known;
}

/**
 * Turns a record read from EventStoreDB into a typed message: data and
 * metadata parsed, older contract versions upcast to the latest, and the data
 * validated on read, so a component never folds a malformed event silently.
 * Returns undefined for records that are not Causeway messages (system
 * events, foreign types), which callers skip.
 */
export function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): Recorded | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || event.type.startsWith('$') || !isKnownType(event.type)) return undefined;
  const metadata = (event.metadata ?? {}) as MessageMetadata;
  const { version, current } = versionOf(event.type, metadata.schema);
  let data: unknown = event.data;
  let schemaVersion = version;
  if (!current) {
    try {
      const lifted = upcast(event.type, version, data);
      data = lifted.data;
      schemaVersion = lifted.version;
    } catch (error) {
      throw new CausewayError(
        'VALIDATION_FAILED',
        `record ${event.id} in ${event.streamId}: ${(error as Error).message}`,
        { stream: event.streamId, id: event.id },
        { cause: error },
      );
    }
  }
  const checked = current?.validate(data) ? undefined : validateMessage(event.type, data, schemaVersion);
  if (checked && !checked.ok) {
    throw new CausewayError(
      'VALIDATION_FAILED',
      `record ${event.id} (${event.type}) in ${event.streamId} breaks its contract: ${checked.issues.map((i) => i.message).join('; ')}`,
      { stream: event.streamId, id: event.id, issues: checked.issues },
    );
  }
  const commit = event.position?.commit ?? resolved.commitPosition ?? 0n;
  return {
    id: event.id,
    type: event.type,
    data,
    metadata,
    streamName: event.streamId,
    revision: event.revision,
    position: { commit, prepare: event.position?.prepare ?? commit },
    created: event.created,
  } as Recorded;
}
