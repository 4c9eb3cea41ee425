import { randomUUID } from 'node:crypto';
import type { CommandType, EventType } from '@causeway/contracts';
import { CausewayError, isCausewayError, type ErrorCode } from '@causeway/errors';
import {
  runComponent,
  streamNames,
  type ComponentDefinition,
  type EmittedEvent,
  type MessageStore,
  type Outgoing,
  type Recorded,
  type RecordedCommand,
} from '@causeway/runtime';
import { decideCommand, emptyEntity, foldEntity } from '@causeway/runtime/internal';
import { matchPartial, projectLike } from './matchPartial.ts';
import { SpecFailure } from './SpecFailure.ts';

type DeepPartial<T> = T extends readonly (infer U)[] ? readonly DeepPartial<U>[] : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;

/** An expected event: its type and, optionally, the part of its data that matters. */
export type ExpectedEvent<E extends EventType> = {
  [T in E]: { readonly type: T; readonly data?: DeepPartial<Extract<EmittedEvent<E>, { type: T }>['data']> };
}[E];

/** The command under test; `at` is its recorded time (decide reads time from the command). */
export type SpecCommand<C extends CommandType> = Outgoing<C> & { readonly id?: string; readonly at?: Date; readonly userId?: string };

/** How a spec runs: pure (decide/evolve only) or through the real runtime and store. */
export type SpecMode = { readonly kind: 'pure' } | { readonly kind: 'runtime'; readonly store: () => MessageStore };

export const pure: SpecMode = { kind: 'pure' };
/** Runtime mode; the store is looked up when a spec runs, so it can come from a beforeAll hook. */
export const throughRuntime = (store: MessageStore | (() => MessageStore)): SpecMode => ({
  kind: 'runtime',
  store: typeof store === 'function' ? store : () => store,
});

type Outcome =
  | { readonly kind: 'events'; readonly events: readonly { type: string; data: unknown }[] }
  | { readonly kind: 'threw'; readonly error: { message: string; code?: string } };

export interface ComponentSpecOptions<C extends CommandType> {
  /** Entity a command targets. Default: the data field `<category>Id`. */
  readonly entityIdOf?: (command: SpecCommand<C>) => string;
}

const FIXED_TIME = new Date('2026-01-01T12:00:00.000Z');

/**
 * given(events).when(command).then(events) for a component (docs/ARCHITECTURE.md
 * §6). Every assertion returns a promise, so the same spec runs pure
 * or through the runtime against the embedded stores: pass `throughRuntime(store)`.
 */
export function componentSpec<S, C extends CommandType, E extends EventType>(
  definition: ComponentDefinition<S, C, E>,
  mode: SpecMode = pure,
  options: ComponentSpecOptions<C> = {},
) {
  const entityIdOf =
    options.entityIdOf ??
    ((command: SpecCommand<C>) => {
      const id = (command.data as unknown as Record<string, unknown>)[`${definition.category}Id`];
      if (typeof id !== 'string')
        throw new CausewayError('USAGE', `spec: cannot tell the entity of ${command.type}: pass entityIdOf (no data.${definition.category}Id)`);
      return id;
    });

  const runPure = (given: readonly EmittedEvent<E>[], command: SpecCommand<C>): Outcome => {
    const entityId = entityIdOf(command);
    const recorded = given.map((e, i) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), schema: '' },
      streamName: streamNames.entity(definition.category, entityId),
      revision: BigInt(i),
      position: { commit: BigInt(i), prepare: BigInt(i) },
      created: command.at ?? FIXED_TIME,
    })) as unknown as Recorded[];
    const entity = foldEntity(definition, emptyEntity(definition), recorded);
    const id = command.id ?? randomUUID();
    const message = {
      id,
      type: command.type,
      data: command.data,
      metadata: { correlationId: id, causationId: id, schema: '', ...(command.userId ? { userId: command.userId } : {}) },
      streamName: streamNames.command(definition.category, entityId),
      revision: 0n,
      position: { commit: BigInt(given.length), prepare: BigInt(given.length) },
      created: command.at ?? FIXED_TIME,
    } as unknown as RecordedCommand;
    try {
      const decision = decideCommand(definition, entity, message);
      return { kind: 'events', events: decision.kind === 'duplicate' ? [] : decision.events.map((e) => ({ type: e.type, data: e.data })) };
    } catch (error) {
      return { kind: 'threw', error: { message: (error as Error).message, ...(isCausewayError(error) ? { code: error.code } : {}) } };
    }
  };

  const runThroughRuntime = async (store: MessageStore, given: readonly EmittedEvent<E>[], command: SpecCommand<C>): Promise<Outcome> => {
    // A private category per spec keeps specs apart in a shared store.
    const category = `${definition.category}Spec${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const isolated = { ...definition, name: category, category };
    const entityId = entityIdOf(command);
    const stream = streamNames.entity(category, entityId);
    if (given.length > 0)
      await store.append(
        stream,
        given.map((e) => ({ type: e.type, data: e.data })),
        { expectedRevision: 'no_stream' },
      );
    await store.append(streamNames.command(category, entityId), [
      {
        ...(command.id ? { id: command.id } : {}),
        type: command.type,
        data: command.data,
        ...(command.userId ? { metadata: { userId: command.userId } } : {}),
      },
    ]);
    const running = await runComponent(isolated, { store, maxAttempts: 1 });
    await running.caughtUp;
    await running.stop();
    const emitted: Recorded[] = [];
    for await (const m of store.readStream(stream, { fromRevision: BigInt(given.length) })) emitted.push(m);
    const failure = emitted.find((e) => e.type === 'CommandFailed');
    if (failure) {
      const error = (failure.data as { error: { message: string; code?: string } }).error;
      return { kind: 'threw', error: { message: error.message, ...(error.code ? { code: error.code } : {}) } };
    }
    return { kind: 'events', events: emitted.map((e) => ({ type: e.type, data: e.data })) };
  };

  return {
    given(events: readonly EmittedEvent<E>[] = []) {
      return {
        when(command: SpecCommand<C>) {
          let outcome: Promise<Outcome> | undefined;
          const run = () => (outcome ??= mode.kind === 'pure' ? Promise.resolve(runPure(events, command)) : runThroughRuntime(mode.store(), events, command));
          const emitted = async (what: string) => {
            const result = await run();
            if (result.kind === 'threw') throw new SpecFailure(`${what}, but ${command.type} threw: ${result.error.message}`, what, result.error);
            return result.events;
          };
          const assertions = {
            /** Exactly these events, in order; data matched partially. */
            async then(expected: readonly ExpectedEvent<E>[]) {
              if (typeof expected === 'function')
                throw new CausewayError('USAGE', 'a spec is not a promise: call .then([...events]) with the expected events instead of awaiting when()');
              const actual = await emitted(`expected ${expected.length} event(s)`);
              const ok =
                actual.length === expected.length &&
                expected.every((e, i) => actual[i]?.type === e.type && (e.data === undefined || matchPartial(actual[i]?.data, e.data)));
              if (!ok) {
                throw new SpecFailure(
                  `${command.type} did not emit the expected events`,
                  expected,
                  actual.map((a, i) => (expected[i]?.data === undefined ? { type: a.type } : { type: a.type, data: projectLike(a.data, expected[i]?.data) })),
                );
              }
            },
            /** No event at all. */
            async thenNothing() {
              const actual = await emitted('expected no events');
              if (actual.length > 0) throw new SpecFailure(`${command.type} should have emitted nothing`, [], actual);
            },
            /** Exactly one event, of this rejection type (data matched partially). */
            async thenRejected(type: E, data?: ExpectedEvent<E>['data']) {
              const actual = await emitted(`expected rejection ${type}`);
              if (definition.rejections && !(definition.rejections as readonly string[]).includes(type)) {
                throw new CausewayError('USAGE', `${type} is not among ${definition.name}'s rejections`);
              }
              const ok = actual.length === 1 && actual[0]?.type === type && (data === undefined || matchPartial(actual[0]?.data, data));
              if (!ok) throw new SpecFailure(`${command.type} should have been rejected with ${type}`, [{ type, ...(data ? { data } : {}) }], actual);
            },
            /** No emitted event is of this type (or satisfies the predicate). */
            async thenNotEmitted(match: E | ((event: { type: string; data: unknown }) => boolean)) {
              const actual = await emitted('expected a run');
              const offending = actual.filter((e) => (typeof match === 'function' ? match(e) : e.type === match));
              if (offending.length > 0) throw new SpecFailure(`${command.type} emitted what it must not`, [], offending);
            },
            /** `decide` throws (in runtime mode: the command is recorded as CommandFailed). */
            async thenThrows(expected?: string | RegExp | ErrorCode) {
              const result = await run();
              if (result.kind !== 'threw') throw new SpecFailure(`${command.type} should have thrown`, { threw: expected ?? true }, result.events);
              const { message, code } = result.error;
              const ok = expected === undefined || (typeof expected === 'string' ? message.includes(expected) || code === expected : expected.test(message));
              if (!ok) throw new SpecFailure(`${command.type} threw something else`, String(expected), result.error);
            },
          };
          return assertions;
        },
      };
    },
  };
}
