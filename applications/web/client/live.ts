import { io, type Socket } from 'socket.io-client';
import { uuid } from './uuid.ts';

export interface Problem {
  readonly code: string;
  readonly detail?: string;
  readonly issues?: readonly { message: string }[];
}
export type Ack = { ok: true; commandId: string; position: string } | { ok: false; error: Problem & { commandId?: string } };

/** The payload of a `COMMAND/<TYPE>/<STATUS>` event (gateway README, socket.io). */
export interface Lifecycle {
  readonly commandId: string;
  readonly status: string;
  readonly at: string;
  readonly aggregator?: string;
  readonly events?: readonly { type: string; id: string; stream: string; position: string }[];
  readonly error?: Problem;
}

export type ViewDoc = Record<string, unknown> & { _id?: string };

// Pauses between reconnects after the server disconnected the page: short at first, then at most this.
const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 5_000;
type ViewListener = (id: string, doc: ViewDoc, position: string) => void;

/**
 * The page's one socket.io connection: commands with acks, lifecycle events, and view watches that
 * survive reconnects (each is renewed with the last position seen, so the gateway sends only what was missed).
 */
export class Live {
  private socket: Socket | undefined;
  private readonly watches = new Map<string, { view: string; id: string; since?: string }>();
  private readonly viewListeners = new Map<string, ViewListener[]>();
  // Lifecycle events can arrive before a command's ack resolves; `until` looks here first.
  private readonly recent: { name: string; event: Lifecycle }[] = [];
  private readonly waiters = new Set<(name: string, event: Lifecycle) => void>();
  onLifecycle: (name: string, event: Lifecycle) => void = () => undefined;
  onConnection: (connected: boolean) => void = () => undefined;
  /** A command refused for its token (expired after an hour, or the secret changed with a restart). */
  onUnauthenticated: () => void = () => undefined;

  /**
   * (Re)connects as this user, or anonymously; the watches carry over. socket.io reconnects by itself
   * after a lost transport, but not after the server disconnected it (a gateway that stops does so):
   * then this starts it again, and socket.io's own retries take over until the gateway is back.
   */
  connect(token: string | undefined, url?: string): void {
    this.socket?.disconnect();
    const options = { auth: token ? { token } : {}, transports: ['websocket', 'polling'] };
    const socket = url === undefined ? io(options) : io(url, options);
    this.socket = socket;
    let pauseMs = RECONNECT_FIRST_MS;
    socket.on('connect', () => {
      pauseMs = RECONNECT_FIRST_MS;
      this.onConnection(true);
      for (const watch of this.watches.values()) this.emitWatch(watch);
    });
    socket.on('disconnect', (reason) => {
      this.onConnection(false);
      if (reason !== 'io server disconnect') return;
      const again = () => {
        if (this.socket !== socket || socket.connected) return;
        socket.connect();
        pauseMs = Math.min(pauseMs * 2, RECONNECT_MAX_MS);
      };
      setTimeout(again, pauseMs);
    });

    socket.onAny((name: string, payload: unknown) => this.dispatch(name, payload));
  }

  private dispatch(name: string, payload: unknown): void {
    if (name.startsWith('COMMAND/')) {
      const event = payload as Lifecycle;
      this.recent.push({ name, event });
      if (this.recent.length > 500) this.recent.shift();
      for (const waiter of this.waiters) waiter(name, event);
      return this.onLifecycle(name, event);
    }
    const match = /^VIEW\/([a-z_]+)\/UPDATED$/.exec(name);
    if (!match?.[1]) return;
    const { id, doc, position } = payload as { id: string; doc: ViewDoc; position: string };
    const watch = this.watches.get(`${match[1]}/${id}`);
    if (watch) watch.since = position;
    for (const listener of this.viewListeners.get(match[1]) ?? []) listener(id, doc, position);
  }

  /** Sends a command; the id makes a resend after a lost ack harmless (it is the Idempotency-Key). */
  async command(type: string, data: Record<string, unknown>): Promise<Ack> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: { code: 'DISCONNECTED', detail: 'not connected to the gateway; try again in a moment' } };
    try {
      const ack = (await socket.timeout(10_000).emitWithAck('command', { type, data, id: uuid() })) as Ack;
      if (!ack.ok && ack.error.code === 'UNAUTHENTICATED') this.onUnauthenticated();
      return ack;
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', detail: 'the gateway did not answer within 10 s' } };
    }
  }

  /** The first lifecycle event of this command that passes `test`, or undefined after `ms`. */
  until(commandId: string, test: (name: string, event: Lifecycle) => boolean, ms = 15_000): Promise<{ name: string; event: Lifecycle } | undefined> {
    const seen = this.recent.find((r) => r.event.commandId === commandId && test(r.name, r.event));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const waiter = (name: string, event: Lifecycle): void => {
        if (event.commandId !== commandId || !test(name, event)) return;
        finish({ name, event });
      };
      const timer = setTimeout(() => finish(undefined), ms);
      const finish = (result: { name: string; event: Lifecycle } | undefined): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(result);
      };
      this.waiters.add(waiter);
    });
  }

  onView(view: string, listener: ViewListener): void {
    this.viewListeners.set(view, [...(this.viewListeners.get(view) ?? []), listener]);
  }

  watch(view: string, id: string): void {
    const key = `${view}/${id}`;
    if (this.watches.has(key)) return;
    const watch = { view, id };
    this.watches.set(key, watch);
    if (this.socket?.connected) this.emitWatch(watch);
  }

  unwatch(view: string, id: string): void {
    if (!this.watches.delete(`${view}/${id}`)) return;
    if (this.socket?.connected) this.socket.emit('unwatch', { view, id });
  }

  private emitWatch(watch: { view: string; id: string; since?: string }): void {
    this.socket?.emit('watch', watch.since ? watch : { view: watch.view, id: watch.id });
  }
}
