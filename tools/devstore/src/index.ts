export { startDevStore, type DevStore, type DevStoreOptions } from './startDevStore.ts';
export { resolveEventStore, type EventStoreEndpoint } from './resolveEventStore.ts';
export { EventLog, type StreamInfo, type WriteOp } from './storage/EventLog.ts';
export type { Durability } from './storage/openDatabase.ts';
export type { ExpectedRevision, ProposedEvent, RecordedEvent, WriteOutcome } from './storage/types.ts';
export { advertisedServerVersion } from './handlers/serverFeaturesHandler.ts';
