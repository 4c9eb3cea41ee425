import { CausewayError } from '@causeway/errors';
import { MAX_JSON_DEPTH } from '@causeway/validation';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The nesting depth of a JSON text, without parsing it: brackets outside strings. Stops counting past `limit`. */
export function jsonTextDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return deepest;
}

/**
 * The gateway takes JSON bodies only (`application/json`, and RFC 6902 patches as
 * `application/json-patch+json`): any other media type, `text/plain` included, is
 * 415 before a byte is parsed. A body nested deeper than `MAX_JSON_DEPTH` is 400,
 * also before parsing: such a body exists only to exhaust a recursive reader
 * somewhere downstream (a serializer crashed the process on one).
 */
export function jsonBodyParser(app: FastifyInstance): void {
  // Fastify's own JSON parser (prototype-poisoning checks included) has the callback form.
  const parse = app.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: (error: Error | null, value?: unknown) => void,
  ) => void;
  app.removeAllContentTypeParsers();
  const parser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => {
    if (jsonTextDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(new CausewayError('VALIDATION_FAILED', `the body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, body, done);
  };
  app.addContentTypeParser(['application/json', 'application/json-patch+json'], { parseAs: 'string' }, parser);
}
