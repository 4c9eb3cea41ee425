import {
  BACKWARDS,
  binaryEvent,
  END,
  eventTypeFilter,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Filter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { ClassifiedError, ConformanceClient, Expected, FilterSpec, NewEvent, SeenEvent, SubscriptionLog } from './ConformanceClient.ts';
import { SubscriptionRecorder } from './SubscriptionRecorder.ts';

function toEvent(event: NewEvent) {
  if (event.binary) return binaryEvent({ id: event.id, type: event.type, data: event.binary });
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as Record<string, unknown> | undefined,
  });
}

function seen(resolved: ResolvedEvent | AllStreamResolvedEvent): SeenEvent {
  const event = resolved.event;
  if (!event) throw new Error('read returned an entry without an event');
  return {
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    id: event.id,
    data: event.data,
    metadata: event.metadata,
    isJson: event.isJson,
    created: event.created,
    position: event.position ? { commit: event.position.commit, prepare: event.position.prepare } : undefined,
  };
}

function toFilter(spec: FilterSpec): Filter {
  const make = spec.on === 'stream' ? streamNameFilter : eventTypeFilter;
  const interval = spec.checkpointInterval ?? 1;
  return 'regex' in spec ? make({ regex: spec.regex, checkpointInterval: interval }) : make({ prefixes: [...spec.prefixes], checkpointInterval: interval });
}

function expectation(expected: Expected | undefined): AppendExpectedRevision {
  return expected ?? 'any';
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The conformance surface over `@eventstore/db-client` 6.x. */
export function dbClientAdapter(url: string): ConformanceClient {
  const client = EventStoreDBClient.connectionString(url);
  type Sub = ReturnType<EventStoreDBClient['subscribeToAll']> | ReturnType<EventStoreDBClient['subscribeToStream']>;
  const record = (subscription: Sub): SubscriptionLog => {
    const recorder = new SubscriptionRecorder(() => subscription.unsubscribe(), subscription);
    subscription.on('confirmation', () => recorder.confirm());
    subscription.on('caughtUp', () => recorder.caughtUp());
    subscription.on('data', (resolved: ResolvedEvent) => recorder.event(seen(resolved)));
    subscription.on('error', (error: unknown) => recorder.fail(error));
    return recorder;
  };
  return {
    name: '@eventstore/db-client',
    async append(stream, events, expected) {
      const result = await client.appendToStream(stream, events.map(toEvent), { expectedRevision: expectation(expected) });
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    },
    async readStream(stream, options = {}) {
      const from = options.from === 'end' ? END : options.from === 'start' || options.from === undefined ? START : options.from;
      const read = client.readStream(stream, { fromRevision: from, direction: options.backwards ? BACKWARDS : FORWARDS, maxCount: options.maxCount });
      return (await collect(read)).map(seen);
    },
    async readAll(options = {}) {
      const from = options.from === 'end' ? END : options.from === 'start' || options.from === undefined ? START : options.from;
      const read = client.readAll({ fromPosition: from, direction: options.backwards ? BACKWARDS : FORWARDS, maxCount: options.maxCount });
      return (await collect(read)).map(seen);
    },
    subscribeToStream(stream, from = 'start') {
      return record(client.subscribeToStream(stream, { fromRevision: from === 'start' ? START : from === 'end' ? END : from }));
    },
    subscribeToAll(from, filter) {
      const recorderRef: { current?: SubscriptionRecorder } = {};
      const withCheckpoint = filter
        ? { ...toFilter(filter), checkpointReached: (_s: unknown, position: { commit: bigint; prepare: bigint }) => recorderRef.current?.checkpoint(position) }
        : undefined;
      const subscription = client.subscribeToAll({ fromPosition: from === 'start' ? START : from === 'end' ? END : from, filter: withCheckpoint });
      const log = record(subscription);
      recorderRef.current = log as SubscriptionRecorder;
      return log;
    },
    async deleteStream(stream, expected) {
      return (await client.deleteStream(stream, { expectedRevision: expected ?? 'any' })).position;
    },
    async tombstoneStream(stream, expected) {
      return (await client.tombstoneStream(stream, { expectedRevision: expected ?? 'any' })).position;
    },
    async setStreamMetadata(stream, metadata) {
      const { truncateBefore, ...rest } = metadata;
      await client.setStreamMetadata(stream, truncateBefore === undefined ? rest : { ...rest, truncateBefore: Number(truncateBefore) });
    },
    async getStreamMetadata(stream) {
      const { metadata } = await client.getStreamMetadata(stream);
      return { maxCount: metadata?.maxCount, maxAge: metadata?.maxAge, truncateBefore: metadata?.truncateBefore };
    },
    classifyError(error): ClassifiedError {
      const e = error as { type?: string; streamName?: string; actualVersion?: bigint | 'no_stream'; expectedVersion?: bigint | string };
      switch (e.type) {
        case 'wrong-expected-version':
          return { kind: 'wrong_expected_version', streamName: e.streamName, actual: e.actualVersion, expected: e.expectedVersion };
        case 'stream-not-found':
          return { kind: 'stream_not_found', streamName: e.streamName };
        case 'stream-deleted':
          return { kind: 'stream_deleted', streamName: e.streamName };
        case 'maximum-append-size-exceeded':
          return { kind: 'max_append_size' };
        default:
          return { kind: 'other' };
      }
    },
    dispose: () => client.dispose(),
  };
}
