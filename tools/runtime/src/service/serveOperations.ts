import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CausewayError } from '@causeway/errors';
import type { Logger } from './logger.ts';
import { metricsRegistry } from './metrics.ts';

/** A check `/health/ready` runs: resolves when healthy, rejects (or times out) with the reason. */
export type ReadinessCheck = () => Promise<void>;

export interface OperationsServer {
  readonly url: string;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * The operations endpoints of a service process (docs/ARCHITECTURE.md §11):
 * `GET /metrics` (Prometheus text format), `GET /health/live` (200 while the
 * process's event loop answers), `GET /health/ready` (200 only when every
 * check passes: both stores answer, every part has caught up with the backlog
 * present at its start; else 503 naming the failing checks). Plain node:http
 * on its own port, so a busy or blocked application port never hides health.
 */
export async function serveOperations(options: {
  readonly port: number;
  readonly host?: string;
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  readonly logger: Logger;
}): Promise<OperationsServer> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const reply = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET') return reply(405, JSON.stringify({ error: 'only GET' }));
    if (path === '/health/live') return reply(200, JSON.stringify({ status: 'live' }));
    if (path === '/health/ready') {
      void readiness(options.checks).then((failing) =>
        Object.keys(failing).length === 0 ? reply(200, JSON.stringify({ status: 'ready' })) : reply(503, JSON.stringify({ status: 'not ready', failing })),
      );
      return;
    }
    if (path === '/metrics') {
      void metricsRegistry.metrics().then(
        (text) => reply(200, text, metricsRegistry.contentType),
        (error: unknown) => {
          options.logger.warn({ err: error }, 'collecting metrics failed');
          reply(500, JSON.stringify({ error: 'collecting metrics failed' }));
        },
      );
      return;
    }
    reply(404, JSON.stringify({ error: `no ${path}: try /metrics, /health/live, /health/ready` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CausewayError('USAGE', `the operations port ${options.port} is in use; set METRICS_PORT to a free port (0 picks one)`)
          : error,
      ),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readiness(checks: Readonly<Record<string, ReadinessCheck>>): Promise<Record<string, string>> {
  const failing: Record<string, string> = {};
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
          }),
        ]);
      } catch (error) {
        failing[name] = error instanceof Error ? error.message : String(error);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return failing;
}
