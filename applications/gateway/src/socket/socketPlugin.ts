import { CausewayError } from '@causeway/errors';
import { formatPosition, logger as rootLogger, parsePosition, type Logger } from '@causeway/runtime';
import { summarizeAggregators, type AggregatorSummary } from '@causeway/suite';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Server } from 'socket.io';
import type { GatewayPlugin } from '../createGateway.ts';
import { problemFor, toProblem } from '../http/toProblem.ts';
import { CheckpointWatcher } from './CheckpointWatcher.ts';
import { handleCommand } from './handleCommand.ts';
import { lifecycleEventName, type LifecyclePayload } from './lifecycle.ts';
import { followLog, type Followed } from './LogFollower.ts';
import { PendingCommands } from './PendingCommands.ts';
import { identify, userRoom, type SocketData } from './socketUser.ts';
import { ViewWatches } from './ViewWatches.ts';
import { checkWatch } from './watchPolicy.ts';

export interface SocketOptions {
  /** Aggregators whose checkpoints mean PROJECTION_UPDATED and whose views can be watched (default: the suite's). */
  readonly aggregators?: readonly AggregatorSummary[];
  /** Categories followed on `$all` (default: the suite's). */
  readonly categories?: readonly string[];
  /** How long a command's outcomes are announced after it was written (default 10 minutes). */
  readonly pendingTtlMs?: number;
  readonly maxPending?: number;
  /** Checkpoint polling interval while something waits (default 10 ms). */
  readonly checkpointPollMs?: number;
  /** Longest wait for an aggregator to apply an event (default 30 s); past it no PROJECTION_UPDATED is sent. */
  readonly projectionWaitMs?: number;
  readonly maxWatchesPerConnection?: number;
  /** Commands one connection may send per second (default SOCKET_COMMANDS_PER_SECOND, or 50); over it the ack is RATE_LIMITED and nothing is announced. */
  readonly commandsPerSecond?: number;
  readonly logger?: Logger;
}

function commandsPerSecondFromEnv(): number {
  const value = process.env.SOCKET_COMMANDS_PER_SECOND;
  if (value === undefined || value === '') return 50;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CausewayError('USAGE', `SOCKET_COMMANDS_PER_SECOND must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return Number(value);
}

type Ack = (answer: unknown) => void;
const ackOf = (ack: unknown): Ack => (typeof ack === 'function' ? (ack as Ack) : () => undefined);

/**
 * The socket.io edge (docs/ARCHITECTURE.md §9) on the gateway's own HTTP server:
 * `command` with an ack and `COMMAND/<TYPE>/<STATUS>` lifecycle events to
 * every connection of the sending user, and `watch`/`unwatch` of view
 * documents. Outcomes come from this instance's own `$all` follower.
 */
export function socketPlugin(options: SocketOptions = {}): GatewayPlugin {
  return async (app, context) => {
    const log = (options.logger ?? rootLogger).child({ app: 'gateway', edge: 'socket.io' });
    const aggregators = options.aggregators ?? summarizeAggregators(context.suite);
    const io = new Server(app.server, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });
    const pending = new PendingCommands(options.pendingTtlMs ?? 600_000, options.maxPending ?? 100_000);
    const checkpoints = new CheckpointWatcher(context.db, options.checkpointPollMs ?? 10, options.projectionWaitMs ?? 30_000, 100_000);
    // Per connection: a flood of commands (valid or not) from one socket is acked RATE_LIMITED at
    // once, before any check, write or announcement to the user's other connections.
    const commandBudget = new RateLimiterMemory({ points: options.commandsPerSecond ?? commandsPerSecondFromEnv(), duration: 1, keyPrefix: 'socket' });
    const watches = new ViewWatches(context.db, checkpoints, options.maxWatchesPerConnection ?? 100);

    const announce = (followed: Followed, payload: LifecyclePayload) => {
      if (followed.command) io.to(userRoom(followed.command.userId)).emit(lifecycleEventName(followed.command.type, payload.status), payload);
    };

    const onMessage = (followed: Followed) => {
      const affected = aggregators.filter((a) => a.categories.includes(followed.category));
      for (const aggregator of affected) for (const view of aggregator.collections) watches.touch(aggregator.name, view, followed.ref.position);
      const { command, status } = followed;
      if (!command) return;
      if (status)
        announce(followed, { commandId: command.commandId, status, at: new Date().toISOString(), events: status === 'ENQUEUED' ? [] : [followed.ref] });
      // The command itself is only enqueued; its results are the events, and those are what projections apply.
      if (status === 'ENQUEUED') return;
      // Nobody connected to this instance would hear of it (a user who sends over HTTP only, or whose
      // connections are on another instance): no wait, so no checkpoint polling on its account.
      if (!io.sockets.adapter.rooms.has(userRoom(command.userId))) return;
      for (const aggregator of affected) {
        void checkpoints.waitFor(aggregator.name, followed.ref.position).then((applied) => {
          if (applied)
            announce(followed, {
              commandId: command.commandId,
              status: 'PROJECTION_UPDATED',
              at: new Date().toISOString(),
              events: [followed.ref],
              aggregator: aggregator.name,
            });
        });
      }
    };

    const follower = await followLog({
      store: context.store,
      categories: options.categories ?? context.suite.commandCategories,
      rejections: context.suite.rejections,
      pending,
      onMessage,
      logger: log,
      readyWaitMs: 5_000,
    });

    // The token is checked before the connection completes, so the user's room is joined before the client can act.
    io.use((socket, next) => {
      identify(socket, context.tokens).then(() => next(), next);
    });

    io.on('connection', (socket) => {
      const { userId } = socket.data as SocketData;
      if (userId !== undefined) void socket.join(userRoom(userId));
      socket.on('command', async (payload: unknown, ack: unknown) => {
        try {
          await commandBudget.consume(socket.id);
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1_000));
          const id = (payload as { id?: unknown } | null)?.id;
          ackOf(ack)({
            ok: false,
            error: {
              ...problemFor('RATE_LIMITED', 'too many commands on this connection; slow down', { retryAfterSeconds }),
              ...(typeof id === 'string' ? { commandId: id } : {}),
            },
          });
          return;
        }
        ackOf(ack)(await handleCommand(socket, context, payload));
      });
      socket.on('watch', async (payload: unknown, ack: unknown) => {
        try {
          const body = (payload ?? {}) as { view?: unknown; id?: unknown; since?: unknown };
          const { view, id } = checkWatch(body.view, body.id, (socket.data as SocketData).userId);
          if (body.since !== undefined && typeof body.since !== 'string') throw new CausewayError('VALIDATION_FAILED', 'since must be a position string');
          const since = body.since === undefined ? '' : formatPosition(parsePosition(body.since));
          await watches.watch(socket, view, id, since);
          ackOf(ack)({ ok: true });
        } catch (error) {
          ackOf(ack)({ ok: false, error: toProblem(error) });
        }
      });
      socket.on('unwatch', (payload: unknown, ack: unknown) => {
        const body = (payload ?? {}) as { view?: unknown; id?: unknown };
        if (typeof body.view === 'string' && typeof body.id === 'string') watches.unwatch(socket, body.view, body.id);
        ackOf(ack)({ ok: true });
      });
      socket.on('disconnect', () => {
        watches.drop(socket);
        void commandBudget.delete(socket.id);
      });
    });

    app.addHook('preClose', async () => {
      io.local.disconnectSockets(true);
      io.engine.close();
      checkpoints.close();
      await follower.stop();
    });
  };
}
