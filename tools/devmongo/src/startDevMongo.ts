import { dispatchCommand } from './commands/dispatchCommand.ts';
import { CursorRegistry } from './commands/CursorRegistry.ts';
import { Catalog } from './storage/Catalog.ts';
import { MemoryPersistence, type Persistence } from './storage/Persistence.ts';
import { SqlitePersistence } from './storage/SqlitePersistence.ts';
import { WireServer } from './wire/WireServer.ts';

export interface DevMongoOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  readonly host?: string;
  /** Directory for durable data; without it everything lives in memory. */
  readonly dataDir?: string;
}

export interface DevMongo {
  /** `mongodb://host:port`, ready for `new MongoClient(url)`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the embedded MongoDB-compatible server and resolves once it accepts connections. */
export async function startDevMongo(options: DevMongoOptions = {}): Promise<DevMongo> {
  const host = options.host ?? '127.0.0.1';
  const persistence: Persistence = options.dataDir ? new SqlitePersistence(options.dataDir) : new MemoryPersistence();
  const catalog = new Catalog(persistence);
  const cursors = new CursorRegistry();
  const server = new WireServer((command, connectionId) => dispatchCommand(catalog, cursors, command, connectionId));
  let port: number;
  try {
    port = await server.listen(options.port ?? 0, host);
  } catch (error) {
    cursors.close();
    persistence.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `mongodb://${urlHost}:${port}`,
    port,
    close() {
      closed ??= server.close().then(() => {
        cursors.close();
        persistence.close();
      });
      return closed;
    },
  };
}
