export { startDevStore, type DevStore, type DevStoreOptions } from './startDevStore.ts';
export { resolveEventStore, type EventStoreEndpoint } from './resolveEventStore.ts';
export { EventLog, type StreamInfo, type WriteOp } from './EventLog.ts';
export type { Durability } from './openDatabase.ts';
export type { ExpectedRevision, ProposedEvent, RecordedEvent, WriteOutcome } from './types.ts';
export { advertisedServerVersion } from './serverFeaturesHandler.ts';
