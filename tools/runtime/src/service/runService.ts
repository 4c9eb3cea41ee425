import { MongoClient, type Db } from 'mongodb';
import { CausewayError } from '@causeway/errors';
import type { AggregatorDefinition } from '../aggregators/AggregatorDefinition.ts';
import type { ComponentDefinition } from '../components/ComponentDefinition.ts';
import { logger as rootLogger } from './logger.ts';
import { MessageStore } from '../store/MessageStore.ts';
import { onSupervisorGone } from './onSupervisorGone.ts';
import { setHeadReader } from './metrics.ts';
import { serveOperations, type OperationsServer, type ReadinessCheck } from './serveOperations.ts';
import { runAggregator } from '../aggregators/runAggregator.ts';
import { runComponent } from '../components/runComponent.ts';
import type { PolicyDefinition } from '../policies/PolicyDefinition.ts';
import { runPolicy } from '../policies/runPolicy.ts';
import { runSaga } from '../sagas/runSaga.ts';
import type { SagaDefinition } from '../sagas/SagaDefinition.ts';

/** Something a service runs: started with the shared store (and database), stopped on shutdown. */
export interface ServicePart {
  readonly name: string;
  /** `url`: where the part serves, if it does (the gateway's HTTP address), told to the supervisor. */
  start(context: ServiceContext): Promise<{ stop(): Promise<void>; closed: Promise<void>; url?: string; caughtUp?: Promise<void> }>;
}

/**
 * What a service tells `causeway start` over the IPC channel (docs/ARCHITECTURE.md §11): ready once
 * every part has started, with the URLs its parts serve; or a configuration error it cannot outlive
 * by restarting (a port in use, a missing variable), which ends it with EXIT_CONFIGURATION.
 */
export type SupervisorMessage =
  | { readonly type: 'ready'; readonly service: string; readonly urls: readonly string[] }
  | { readonly type: 'unusable'; readonly service: string; readonly line: string };

/** How long a service may take to stop (drain, store checkpoints, close) before it exits regardless; below the supervisor's 10 s grace. */
export const STOP_DEADLINE_MS = 5_000;

/** sysexits' EX_CONFIG: the supervisor does not restart a service that ended so. */
export const EXIT_CONFIGURATION = 78;

export interface ServiceContext {
  readonly store: MessageStore;
  /** MongoDB database for view data (MONGO_URL, database MONGO_DB or `causeway`). */
  readonly db: () => Promise<Db>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- parts of any state and message types run side by side */
export const componentPart = (definition: ComponentDefinition<any, any, any>): ServicePart => ({
  name: definition.name,
  start: ({ store }) => runComponent(definition, { store, ...groupFromEnv() }),
});
export const sagaPart = (definition: SagaDefinition<any>): ServicePart => ({
  name: definition.name,
  start: ({ store }) => runSaga(definition, { store, ...groupFromEnv() }),
});
/* eslint-enable @typescript-eslint/no-explicit-any */
export const policyPart = (definition: PolicyDefinition): ServicePart => ({
  name: definition.name,
  start: ({ store }) => runPolicy(definition, { store, ...groupFromEnv() }),
});
export const aggregatorPart = (definition: AggregatorDefinition): ServicePart => ({
  name: definition.name,
  start: async ({ store, db }) => runAggregator(definition, { store, db: await db() }),
});

/** GROUP_SIZE / GROUP_MEMBER: this instance's place in a consumer group. */
function groupFromEnv(): { group?: { size: number; member: number } } {
  const size = process.env.GROUP_SIZE;
  if (!size) return {};
  return { group: { size: Number(size), member: Number(process.env.GROUP_MEMBER ?? 0) } };
}

/**
 * The body of a service process (what `causeway start` and containers run):
 * connects to EVENTSTORE_URL (and MONGO_URL when a part needs view data),
 * starts every part, and on SIGTERM/SIGINT stops them (draining work, storing
 * checkpoints) before exiting. Under `causeway start` it also exits, at once,
 * when the supervisor is gone (onSupervisorGone). A part that fails ends the process with status 1
 * so the supervisor restarts it.
 */
export async function runService(name: string, parts: readonly ServicePart[]): Promise<void> {
  const log = rootLogger.child({ service: name });
  const url = process.env.EVENTSTORE_URL;
  if (!url) throw new CausewayError('USAGE', `${name}: EVENTSTORE_URL is not set (causeway start sets it)`);
  const store = MessageStore.connect(url);
  let mongo: MongoClient | undefined;
  const db = async () => {
    const mongoUrl = process.env.MONGO_URL;
    if (!mongoUrl) throw new CausewayError('USAGE', `${name}: MONGO_URL is not set`);
    mongo ??= await new MongoClient(mongoUrl).connect();
    return mongo.db(process.env.MONGO_DB ?? 'causeway');
  };
  const running: { stop(): Promise<void> }[] = [];
  const urls: string[] = [];
  const operations = await startOperations(name, parts, store, () => mongo);
  for (const part of parts) {
    let started: Awaited<ReturnType<ServicePart['start']>>;
    try {
      started = await part.start({ store, db });
    } catch (error) {
      // A usage error (a port in use, a bad variable) happens again on every restart: one line, and
      // an exit status the supervisor does not restart. Anything else is a crash, restarted.
      if (error instanceof CausewayError && error.code === 'USAGE') {
        const line = `${name}: ${error.message}`;
        process.stderr.write(`${line}\n`);
        process.send?.({ type: 'unusable', service: name, line } satisfies SupervisorMessage);
        process.exit(EXIT_CONFIGURATION);
      }
      throw error;
    }
    running.push(started);
    operations?.started(part.name, started.caughtUp);
    if (started.url) urls.push(started.url);
    started.closed.catch((error: unknown) => {
      log.error({ err: error, part: part.name }, 'part failed; exiting so the supervisor restarts the service');
      process.exit(1);
    });
    log.info({ part: part.name }, 'started');
  }
  process.send?.({ type: 'ready', service: name, urls } satisfies SupervisorMessage);
  let stopping = false;
  const stop = async () => {
    // A second signal while stopping (an impatient Ctrl-C): out at once.
    if (stopping) process.exit(1);
    stopping = true;
    // Bounded: a part that cannot drain, or a store that is already gone, must not keep the process
    // alive after it was told to stop (it would outlive its supervisor, holding ports and data).
    setTimeout(() => {
      process.stderr.write(`${name}: not stopped after ${STOP_DEADLINE_MS} ms; exiting anyway\n`);
      process.exit(1);
    }, STOP_DEADLINE_MS);
    log.info({}, 'stopping');
    for (const r of running) await r.stop();
    await operations?.server.close();
    await store.close();
    await mongo?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The supervisor was killed (its pipe closed): end at once, with no graceful stop. The stores
  // it ran went with it, and so did our output pipes: a log line to them can block the event
  // loop for good (pino retrying the write), and storing checkpoints has nowhere to go. Every
  // part is safe to restart mid-way (redelivery is idempotent), which is what happens next.
  onSupervisorGone(() => process.exit(0));
}

/**
 * METRICS_PORT set: `/metrics`, `/health/live` and `/health/ready` on that port
 * (METRICS_HOST, default loopback), served from before the parts start so that
 * liveness answers during a long catch-up. Ready: EventStoreDB answers, MongoDB
 * answers (once a part uses it), and every part has started and caught up with
 * the backlog present at its start.
 */
async function startOperations(
  name: string,
  parts: readonly ServicePart[],
  store: MessageStore,
  mongo: () => MongoClient | undefined,
): Promise<{ server: OperationsServer; started(part: string, caughtUp: Promise<void> | undefined): void } | undefined> {
  const port = process.env.METRICS_PORT;
  if (port === undefined || port === '') return undefined;
  if (!/^\d+$/.test(port) || Number(port) > 65_535)
    throw new CausewayError('USAGE', `${name}: METRICS_PORT must be a port number, got ${JSON.stringify(port)}`);
  setHeadReader(() => store.headPosition());
  const state = new Map<string, 'starting' | 'catching up' | 'caught up'>(parts.map((p) => [p.name, 'starting']));
  const checks: Record<string, ReadinessCheck> = {
    eventstore: async () => {
      await store.headPosition();
    },
    mongodb: async () => {
      await mongo()?.db('admin').command({ ping: 1 });
    },
  };
  for (const part of parts) {
    checks[`part:${part.name}`] = async () => {
      const now = state.get(part.name);
      if (now !== 'caught up') throw new Error(now ?? 'unknown');
    };
  }
  const server = await serveOperations({
    port: Number(port),
    host: process.env.METRICS_HOST || undefined,
    checks,
    logger: rootLogger.child({ service: name }),
  });
  rootLogger.child({ service: name }).info({ url: server.url }, 'operations endpoints: /metrics, /health/live, /health/ready');
  return {
    server,
    started(part, caughtUp) {
      if (!caughtUp) return void state.set(part, 'caught up');
      state.set(part, 'catching up');
      void caughtUp.then(
        () => state.set(part, 'caught up'),
        () => undefined,
      );
    },
  };
}
