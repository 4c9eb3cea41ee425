import type http2 from 'node:http2';

/** How often the server pings each connection, and how long it waits for the acknowledgement. */
export interface KeepAlive {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/**
 * Pings the client every `intervalMs` and destroys the session (and its
 * socket) when an acknowledgement takes longer than `timeoutMs`.
 *
 * This is also how the store honours RFC 9113 §5.4.1 ("after sending the
 * GOAWAY frame for an error condition, the endpoint MUST close the TCP
 * connection"): on a connection error (a malformed frame, say) node 20's
 * http2 has nghttp2 send GOAWAY, then neither closes the socket nor tells
 * JavaScript; it only stops reading and sending. A ping submitted after that
 * never leaves, so it is never acknowledged, and the session is closed here.
 * The same check closes connections whose peer vanished without a FIN.
 */
export function keepSessionAlive(session: http2.ServerHttp2Session, { intervalMs, timeoutMs }: KeepAlive): void {
  let deadline: NodeJS.Timeout | undefined;
  const round = setInterval(() => {
    if (deadline || session.destroyed) return;
    deadline = setTimeout(() => session.destroy(), timeoutMs).unref();
    // The callback also runs, with an error, when the session is destroyed first.
    session.ping((error) => {
      if (error) return;
      clearTimeout(deadline);
      deadline = undefined;
    });
  }, intervalMs).unref();
  session.once('close', () => {
    clearInterval(round);
    clearTimeout(deadline);
  });
}
