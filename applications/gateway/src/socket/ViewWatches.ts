import { CausewayError } from '@causeway/errors';
import { POSITION_FIELD, type AggregatorOptions } from '@causeway/runtime';
import type { Socket } from 'socket.io';
import type { CheckpointWatcher } from './CheckpointWatcher.ts';

/** `VIEW/<view>/UPDATED` payload. */
export interface ViewUpdate {
  readonly id: string;
  readonly doc: Record<string, unknown>;
  readonly position: string;
}

interface RefreshState {
  wanted: string;
  done: string;
  running: boolean;
}

export const viewEventName = (view: string): string => `VIEW/${view}/UPDATED`;

/**
 * Who watches which view document, and what each connection has been sent.
 * Each connection remembers the `_position` it last received per document and
 * is sent a document only when its `_position` is newer: that one rule makes
 * the first read after `watch {since}`, the refreshes after each change and
 * any race between them deliver every version at most once.
 */
export class ViewWatches {
  // view → id → connection → last position sent ('' for nothing yet)
  private readonly watchers = new Map<string, Map<string, Map<Socket, string>>>();
  // `<aggregator>/<view>` → the highest position waited for, the highest refreshed, and whether a refresh loop runs
  private readonly refreshes = new Map<string, RefreshState>();

  constructor(
    private readonly db: AggregatorOptions['db'],
    private readonly checkpoints: CheckpointWatcher,
    private readonly maxPerConnection: number,
  ) {}

  async watch(socket: Socket, view: string, id: string, since: string): Promise<void> {
    const byId = this.watchers.get(view) ?? new Map<string, Map<Socket, string>>();
    this.watchers.set(view, byId);
    const sockets = byId.get(id) ?? new Map<Socket, string>();
    if (!sockets.has(socket) && this.countOf(socket) >= this.maxPerConnection) {
      throw new CausewayError('USAGE', `a connection may watch at most ${this.maxPerConnection} documents`);
    }
    byId.set(id, sockets);
    const previous = sockets.get(socket);
    // Watching again keeps what was already sent, unless the client says it has seen more.
    sockets.set(socket, previous !== undefined && previous > since ? previous : since);
    await this.send(view, [id]);
  }

  unwatch(socket: Socket, view: string, id: string): void {
    const byId = this.watchers.get(view);
    const sockets = byId?.get(id);
    if (!byId || !sockets) return;
    sockets.delete(socket);
    if (sockets.size === 0) byId.delete(id);
    if (byId.size === 0) this.watchers.delete(view);
  }

  drop(socket: Socket): void {
    for (const [view, byId] of this.watchers) for (const id of [...byId.keys()]) this.unwatch(socket, view, id);
  }

  /** The aggregator that writes `view` will apply something at `position`: refresh watched documents once it has. */
  touch(aggregator: string, view: string, position: string): void {
    if (!this.watchers.has(view)) return;
    const key = `${aggregator}/${view}`;
    const state = this.refreshes.get(key) ?? { wanted: '', done: '', running: false };
    this.refreshes.set(key, state);
    if (position > state.wanted) state.wanted = position;
    if (!state.running) void this.refreshLoop(aggregator, view, state);
  }

  // One loop per view and aggregator: a burst of events becomes one wait and one read for the newest position.
  // Only documents changed since the last refresh are read: once the checkpoint has passed `done`, every
  // change at or before it was visible to that refresh, so anything newer has `_position` > `done`.
  private async refreshLoop(aggregator: string, view: string, state: RefreshState): Promise<void> {
    state.running = true;
    try {
      while (state.done < state.wanted) {
        const target = state.wanted;
        await this.checkpoints.waitFor(aggregator, target);
        const ids = [...(this.watchers.get(view)?.keys() ?? [])];
        if (ids.length > 0) await this.send(view, ids, state.done).catch(() => undefined);
        state.done = target;
      }
    } finally {
      state.running = false;
    }
  }

  private async send(view: string, ids: readonly string[], changedAfter = ''): Promise<void> {
    const filter = changedAfter === '' ? { _id: { $in: [...ids] } } : { _id: { $in: [...ids] }, [POSITION_FIELD]: { $gt: changedAfter } };
    const docs = await this.db.collection<Record<string, unknown> & { _id: string }>(view).find(filter).toArray();
    for (const doc of docs) {
      const position = doc[POSITION_FIELD];
      const sockets = this.watchers.get(view)?.get(doc._id);
      if (typeof position !== 'string' || !sockets) continue;
      for (const [socket, sent] of sockets) {
        if (position <= sent) continue;
        sockets.set(socket, position);
        const update: ViewUpdate = { id: doc._id, doc, position };
        socket.emit(viewEventName(view), update);
      }
    }
  }

  private countOf(socket: Socket): number {
    let n = 0;
    for (const byId of this.watchers.values()) for (const sockets of byId.values()) if (sockets.has(socket)) n += 1;
    return n;
  }
}
