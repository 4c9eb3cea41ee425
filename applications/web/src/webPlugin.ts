import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { assets } from './bundle.ts';

export interface WebPluginOptions {
  /** Cache-Control of the page's files (default `no-cache`: revalidate by ETag, so a new build shows at once). */
  readonly cacheControl?: string;
}

// Same origin only: the page talks to this gateway (HTTP, GraphQL, socket.io) and nothing else.
const CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the web page at `/` (with `/app.js` and `/app.css`) from the gateway's own server and port.
 * Typed on Fastify alone (a `GatewayPlugin` by shape), so this package does not depend on the gateway.
 */
export function webPlugin(options: WebPluginOptions = {}): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const files = await assets();
    for (const [path, asset] of files) {
      const etag = `"${createHash('sha256').update(asset.body).digest('base64url').slice(0, 22)}"`;
      app.get(path, async (request, reply) => {
        void reply
          .header('cache-control', options.cacheControl ?? 'no-cache')
          .header('etag', etag)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', CSP)
          .header('referrer-policy', 'no-referrer')
          .type(asset.type);
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.send(asset.body);
      });
    }
  };
}
