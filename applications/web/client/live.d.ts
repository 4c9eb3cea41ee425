export interface Problem {
  readonly code: string;
  readonly detail?: string;
  readonly issues?: readonly {
    message: string;
  }[];
}
export type Ack =
  | {
      ok: true;
      commandId: string;
      position: string;
    }
  | {
      ok: false;
      error: Problem & {
        commandId?: string;
      };
    };
/** The payload of a `COMMAND/<TYPE>/<STATUS>` event (gateway README, socket.io). */
export interface Lifecycle {
  readonly commandId: string;
  readonly status: string;
  readonly at: string;
  readonly aggregator?: string;
  readonly events?: readonly {
    type: string;
    position: string;
  }[];
  readonly error?: Problem;
}
export type ViewDoc = Record<string, unknown> & {
  _id?: string;
};
type ViewListener = (id: string, doc: ViewDoc, position: string) => void;
/**
 * The page's one socket.io connection: commands with acks, lifecycle events, and view watches that
 * survive reconnects (each is renewed with the last position seen, so the gateway sends only what was missed).
 */
export declare class Live {
  private socket;
  private readonly watches;
  private readonly viewListeners;
  private readonly recent;
  private readonly waiters;
  onLifecycle: (name: string, event: Lifecycle) => void;
  onConnection: (connected: boolean) => void;
  /** A command refused for its token (expired after an hour, or the secret changed with a restart). */
  onUnauthenticated: () => void;
  /**
   * (Re)connects as this user, or anonymously; the watches carry over. socket.io reconnects by itself
   * after a lost transport, but not after the server disconnected it (a gateway that stops does so):
   * then this starts it again, and socket.io's own retries take over until the gateway is back.
   */
  connect(token: string | undefined, url?: string): void;
  private dispatch;
  /** Sends a command; the id makes a resend after a lost ack harmless (it is the Idempotency-Key). */
  command(type: string, data: Record<string, unknown>): Promise<Ack>;
  /** The first lifecycle event of this command that passes `test`, or undefined after `ms`. */
  until(
    commandId: string,
    test: (name: string, event: Lifecycle) => boolean,
    ms?: number,
  ): Promise<
    | {
        name: string;
        event: Lifecycle;
      }
    | undefined
  >;
  onView(view: string, listener: ViewListener): void;
  watch(view: string, id: string): void;
  unwatch(view: string, id: string): void;
  private emitWatch;
}
export {};
