import { io, type Socket } from 'socket.io-client';

/** One received socket.io event. */
export interface Received {
  readonly name: string;
  readonly payload: Record<string, unknown> & { commandId?: string; status?: string; aggregator?: string; position?: string; id?: string };
}

/** A test's browser tab: a real socket.io-client connection that records every event it receives. */
export interface Tab {
  readonly socket: Socket;
  readonly received: Received[];
  ofCommand(commandId: string): Received[];
  close(): void;
}

export async function openTab(url: string, token?: string): Promise<Tab> {
  const socket = io(url, { auth: token === undefined ? {} : { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  const received: Received[] = [];
  socket.onAny((name: string, payload: Received['payload']) => received.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    received,
    ofCommand: (commandId) => received.filter((r) => r.payload.commandId === commandId),
    close: () => void socket.disconnect(),
  };
}
