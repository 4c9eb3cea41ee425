import { isKnownType, upcast, validateMessage } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { MessageMetadata, Recorded } from './messages.ts';

const SCHEMA_VERSION = /@(\d+)$/;

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
  const version = typeof metadata.schema === 'string' ? Number(SCHEMA_VERSION.exec(metadata.schema)?.[1] ?? 1) : 1;
  let data: unknown = event.data;
  let schemaVersion = version;
  try {
    const lifted = upcast(event.type, version, data);
    data = lifted.data;
    schemaVersion = lifted.version;
  } catch (error) {
    throw new CausewayError('VALIDATION_FAILED', `record ${event.id} in ${event.streamId}: ${(error as Error).message}`, { stream: event.streamId, id: event.id }, { cause: error });
  }
  const checked = validateMessage(event.type, data, schemaVersion);
  if (!checked.ok) {
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
