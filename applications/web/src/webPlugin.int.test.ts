import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPlugin } from './webPlugin.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  await webPlugin()(app);
  await app.ready();
});
afterAll(() => app.close());

describe('webPlugin', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', '<main>'],
    ['/app.js', 'text/javascript; charset=utf-8', 'socket.io'],
    ['/app.css', 'text/css; charset=utf-8', ':focus-visible'],
  ])('serves %s as %s', async (url, type, sample) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body).toContain(sample);
  });

  it('answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
    const first = await app.inject({ url: '/app.js' });
    const again = await app.inject({ url: '/app.js', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  // Only the three names above exist: nothing in a URL is ever joined to a file system path.
  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/app.js/../../package.json',
    '/..%2f..%2fpackage.json',
    '/index.html',
    '/public/index.html',
    '/client/main.ts',
    '/src/webPlugin.ts',
    '/package.json',
  ])('does not serve %s', async (url) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('"name": "@causeway/web"');
  });
});
