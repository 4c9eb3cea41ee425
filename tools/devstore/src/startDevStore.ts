import { CausewayError } from '@causeway/errors';
import { startGrpcServer, type GrpcServer } from './grpc/GrpcServer.ts';
import type { KeepAlive } from './grpc/keepSessionAlive.ts';
import { methodTable } from './handlers/methodTable.ts';
import { EventLog } from './storage/EventLog.ts';
import type { Durability } from './storage/openDatabase.ts';

export interface DevStoreOptions {
  /** 0 (the default) picks a free port; `url` shows the real one. */
  readonly port?: number;
  readonly host?: string;
  /** Durable SQLite storage in this directory; in memory when absent. */
  readonly dataDir?: string;
  /** 'process' (default): acknowledged appends survive the process dying; 'fsync': they also survive power loss. */
  readonly durability?: Durability;
  /** Largest append in bytes, 1 MiB by default as on EventStoreDB. */
  readonly maxAppendSize?: number;
  /**
   * The server pings every connection every `intervalMs` (10 s by default) and closes it when the
   * acknowledgement takes longer than `timeoutMs` (10 s): dead peers, and connections that had an
   * HTTP/2 connection error, are closed.
   */
  readonly keepAlive?: KeepAlive;
  /**
   * Most bytes of incomplete request messages one connection may hold (32 MiB by default); the
   * stream whose data would pass it is refused with RESOURCE_EXHAUSTED and reset.
   */
  readonly maxBufferedPerConnection?: number;
}

export interface DevStore {
  /** A connection string for the official clients: `esdb://host:port?tls=false`. */
  readonly url: string;
  readonly port: number;
  /** Counters for tests and benchmarks. */
  stats(): { readonly commits: number; readonly eventsRead: number };
  close(): Promise<void>;
}

/** Starts an embedded EventStoreDB-compatible gRPC server. */
export async function startDevStore(options: DevStoreOptions = {}): Promise<DevStore> {
  const host = options.host ?? '127.0.0.1';
  const maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
  const log = new EventLog({ dataDir: options.dataDir, durability: options.durability });
  const methods = methodTable(log, maxAppendSize);

  // Leave headroom above the append limit so an oversized append (the clients
  // pack up to 3 MiB per BatchAppend message) reaches us and gets the typed
  // error instead of a transport failure. EventStoreDB's limit for Streams
  // messages is about the same: its largest log record, 16 MiB less 10,000 bytes.
  const maxReceiveMessageLength = Math.max(maxAppendSize * 4, 16 * 1024 * 1024);
  let server: GrpcServer;
  try {
    server = await startGrpcServer({
      host,
      port: options.port ?? 0,
      maxReceiveMessageLength,
      // Two messages of the largest size, or 32 appends of the largest size
      // written, may be under way on one connection at once.
      maxBufferedPerConnection: options.maxBufferedPerConnection ?? 2 * maxReceiveMessageLength,
      keepAlive: options.keepAlive ?? { intervalMs: 10_000, timeoutMs: 10_000 },
      methods,
    });
  } catch (error) {
    log.close();
    throw new CausewayError('INTERNAL', `devstore could not listen on ${host}:${options.port ?? 0}`, { host, port: options.port }, { cause: error });
  }
  const port = server.port;

  let closing: Promise<void> | undefined;
  return {
    url: `esdb://${host}:${port}?tls=false`,
    port,
    stats: () => ({ commits: log.commits, eventsRead: log.eventsRead }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Subscriptions never end on their own, so a graceful shutdown would wait for ever: connections are dropped.
        void server.close().then(() => {
          log.close();
          resolve();
        });
      });
      return closing;
    },
  };
}
