/** Wall-clock milliseconds with sub-millisecond precision, comparable with the store's `created` times (same machine). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** What the client saw of one command: when each lifecycle event first arrived. */
export interface Track {
  readonly commandId: string;
  readonly phase: string;
  /** When the command was due (fixed rate: its slot, so a late sender counts against latency) or sent. */
  readonly t0: number;
  ackAt?: number;
  ackOk?: boolean;
  /** First arrival per key: a status (`ENQUEUED`…) or `PROJECTION_UPDATED:<event type>:<aggregator>`. */
  readonly first: Map<string, number>;
  /** The gateway's own `at` for the outcome's board projection, to split aggregator lag from delivery. */
  boardAtGateway?: number;
}

/** The event types that end a bid's chain on the auction (placed or refused). */
export const OUTCOMES: ReadonlySet<string> = new Set(['BidPlaced', 'BidRejected']);

/** Every tracked command by id; sockets feed it, phases read it. */
export class Tracker {
  readonly tracks = new Map<string, Track>();
  private readonly waiters = new Map<string, { key: (t: Track) => boolean; resolve: () => void }>();

  start(commandId: string, phase: string, t0: number): Track {
    const track: Track = { commandId, phase, t0, first: new Map() };
    this.tracks.set(commandId, track);
    return track;
  }

  /** A lifecycle event as a socket received it. */
  receive(payload: { commandId?: unknown; status?: unknown; aggregator?: unknown; at?: unknown; events?: unknown }): void {
    const at = nowMs();
    const track = typeof payload.commandId === 'string' ? this.tracks.get(payload.commandId) : undefined;
    if (!track || typeof payload.status !== 'string') return;
    let key = payload.status;
    if (payload.status === 'PROJECTION_UPDATED') {
      const type = Array.isArray(payload.events) ? ((payload.events[0] as { type?: string } | undefined)?.type ?? '?') : '?';
      key = `PROJECTION_UPDATED:${type}:${String(payload.aggregator)}`;
      if (!track.first.has('PROJECTION_UPDATED')) track.first.set('PROJECTION_UPDATED', at);
      if (OUTCOMES.has(type) && payload.aggregator === 'auction-board') {
        if (!track.first.has('OUTCOME_ON_BOARD')) track.first.set('OUTCOME_ON_BOARD', at);
        if (typeof payload.at === 'string') track.boardAtGateway ??= Date.parse(payload.at);
      }
    }
    if (!track.first.has(key)) track.first.set(key, at);
    const waiter = this.waiters.get(track.commandId);
    if (waiter?.key(track)) {
      this.waiters.delete(track.commandId);
      waiter.resolve();
    }
  }

  /** Resolves once `done(track)` holds, or rejects after `timeoutMs`. */
  waitFor(commandId: string, done: (t: Track) => boolean, timeoutMs: number): Promise<void> {
    const track = this.tracks.get(commandId);
    if (track && done(track)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        reject(new Error(`command ${commandId}: no expected lifecycle event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(commandId, {
        key: done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  ofPhase(phase: string): Track[] {
    return [...this.tracks.values()].filter((t) => t.phase === phase);
  }
}
