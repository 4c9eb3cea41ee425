import { randomUUID } from 'node:crypto';
import type { CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { deterministicId } from '@causeway/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser, userOf } from '../auth/requireUser.ts';
import { prepareCommand } from '../commands/prepareCommand.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { parseIfMatch } from '../http/parseIfMatch.ts';
import { isUuid, requireUuid } from '../http/requireUuid.ts';
import { currentDocument } from './currentDocument.ts';

interface DocumentView {
  _id: string;
  collection: string;
  content?: Record<string, unknown>;
  version: number;
  deleted: boolean;
}

type Params = { collection: string; id: string };

const MAX_PAGE = 500;

/**
 * Generic documents (docs/ARCHITECTURE.md §9): each write is a command on the
 * document's stream with optimistic concurrency on `If-Match`; reads come
 * from the `documents` view with the version as ETag.
 */
export function documentEndpoints(app: FastifyInstance, context: GatewayContext): void {
  const auth = requireUser(context.tokens);
  const views = () => context.db.collection<DocumentView>('documents');

  /** 404 for a document that is absent, deleted or in another collection, 412 when `If-Match` is stale. */
  const checkVersion = async (collection: string, id: string, expectedVersion: number): Promise<void> => {
    const state = isUuid(id) ? await currentDocument(context.store, id.toLowerCase()) : undefined;
    if (state?.status !== 'live' || state.collection !== collection) throw new CausewayError('NOT_FOUND', `no document ${id} in ${collection}`);
    if (state.version !== expectedVersion) {
      throw new CausewayError('PRECONDITION_FAILED', `If-Match ${expectedVersion} is stale: the document is at version ${state.version}`, {
        expectedVersion,
        actualVersion: state.version,
      });
    }
  };

  /**
   * A change to an existing document: 428 without If-Match, then the command path (400…), then
   * the Idempotency-Key (a repeat answers as the first time did), then the version check (404,
   * 412), then the write.
   */
  const change = async (request: FastifyRequest<{ Params: Params }>, type: CommandType, fields: Record<string, unknown>) => {
    const { collection, id } = request.params;
    const { userId } = userOf(request);
    const expectedVersion = parseIfMatch(request.headers['if-match']);
    const command = prepareCommand(context.suite, type, { collection, documentId: id.toLowerCase(), expectedVersion, ...fields }, userId);
    const toSend = { ...command, userId, commandId: requireUuid(request.headers['idempotency-key'], 'Idempotency-Key') };
    const repeat = await context.sender.repeatOf(toSend);
    if (repeat) return repeat;
    await checkVersion(collection, id, expectedVersion);
    return context.sender.send(toSend);
  };

  app.post<{ Params: { collection: string } }>('/documents/:collection', { onRequest: auth }, async (request, reply) => {
    const key = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key');
    // With a key, the document id derives from it, so a repeat lands on the same stream and is recognised.
    const documentId = key ? deterministicId(key, 'document') : randomUUID();
    const { userId } = userOf(request);
    const command = prepareCommand(context.suite, 'CreateDocument', { collection: request.params.collection, documentId, content: request.body }, userId);
    const accepted = await context.sender.send({ ...command, userId, commandId: key });
    return reply
      .code(202)
      .header('location', `/documents/${encodeURIComponent(request.params.collection)}/${documentId}`)
      .send({ ...accepted, documentId });
  });

  app.patch<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) =>
    reply.code(202).send(await change(request, 'PatchDocument', { patch: request.body })),
  );

  app.put<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) =>
    reply.code(202).send(await change(request, 'ReplaceDocument', { content: request.body })),
  );

  app.delete<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) =>
    reply.code(202).send(await change(request, 'DeleteDocument', {})),
  );

  app.get<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) => {
    const { collection, id } = request.params;
    const doc = isUuid(id) ? await views().findOne({ _id: id.toLowerCase() }) : null;
    if (!doc || doc.deleted || doc.collection !== collection) throw new CausewayError('NOT_FOUND', `no document ${id} in ${collection}`);
    return reply.header('etag', `"${doc.version}"`).send({ id: doc._id, collection: doc.collection, version: doc.version, content: doc.content ?? {} });
  });

  app.get<{ Params: { collection: string }; Querystring: { limit?: string; after?: string } }>(
    '/documents/:collection',
    { onRequest: auth },
    async (request) => {
      const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
        throw new CausewayError('VALIDATION_FAILED', `limit must be an integer from 1 to ${MAX_PAGE}`);
      const after: unknown = request.query.after;
      if (after !== undefined && typeof after !== 'string') throw new CausewayError('VALIDATION_FAILED', 'after must be one document id');
      const filter = { collection: request.params.collection, deleted: false, ...(after ? { _id: { $gt: after } } : {}) };
      const docs = await views()
        .find(filter)
        .sort({ _id: 1 })
        .limit(limit + 1)
        .toArray();
      const page = docs.slice(0, limit);
      return {
        items: page.map((d) => ({ id: d._id, collection: d.collection, version: d.version, content: d.content ?? {} })),
        next: docs.length > limit ? (page.at(-1)?._id ?? null) : null,
      };
    },
  );
}
