import { randomUUID } from 'node:crypto';
import type { CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { deterministicId } from '@causeway/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser, userOf } from '../auth/requireUser.ts';
import { CommandSender } from '../commands/CommandSender.ts';
import { documentCommandRoutes } from '../commands/userCommands.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { parseIfMatch } from '../http/parseIfMatch.ts';
import { isUuid, requireUuid } from '../http/requireUuid.ts';
import { documentState } from './documentState.ts';

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
 * Generic documents (DESIGN.md section 7): each write is a command on the
 * document's stream with optimistic concurrency on `If-Match`; reads come
 * from the `documents` view with the version as ETag.
 */
export function documentRoutes(app: FastifyInstance, context: GatewayContext): void {
  const auth = requireUser(context.tokens);
  const views = () => context.db.collection<DocumentView>('documents');

  const send = async (request: FastifyRequest, type: CommandType, data: { documentId: string } & Record<string, unknown>, commandId?: string) => {
    CommandSender.validate(type, data);
    const { userId } = userOf(request);
    const route = documentCommandRoutes.CreateDocument(data);
    return context.sender.send({ type, data, route, userId, commandId });
  };

  /** 428 without If-Match, 404 for a document that is absent, deleted or in another collection, 412 when stale. */
  const precondition = async (request: FastifyRequest<{ Params: Params }>): Promise<number> => {
    const expectedVersion = parseIfMatch(request.headers['if-match']);
    const { collection, id } = request.params;
    const state = isUuid(id) ? await documentState(context.store, id.toLowerCase()) : undefined;
    if (!state || state.deleted || state.collection !== collection) throw new CausewayError('NOT_FOUND', `no document ${id} in ${collection}`);
    if (state.version !== expectedVersion) {
      throw new CausewayError('PRECONDITION_FAILED', `If-Match ${expectedVersion} is stale: the document is at version ${state.version}`, {
        expectedVersion,
        actualVersion: state.version,
      });
    }
    return expectedVersion;
  };

  app.post<{ Params: { collection: string } }>('/documents/:collection', { onRequest: auth }, async (request, reply) => {
    const key = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key');
    // With a key, the document id derives from it, so a repeat lands on the same stream and is recognised.
    const documentId = key ? deterministicId(key, 'document') : randomUUID();
    const data = { collection: request.params.collection, documentId, content: request.body };
    const accepted = await send(request, 'CreateDocument', data, key);
    return reply.code(202).header('location', `/documents/${encodeURIComponent(request.params.collection)}/${documentId}`).send({ ...accepted, documentId });
  });

  app.patch<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) => {
    const { collection, id } = request.params;
    CommandSender.validate('PatchDocument', { collection, documentId: id, expectedVersion: 1, patch: request.body });
    const expectedVersion = await precondition(request);
    const key = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key');
    return reply.code(202).send(await send(request, 'PatchDocument', { collection, documentId: id.toLowerCase(), expectedVersion, patch: request.body }, key));
  });

  app.put<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) => {
    const { collection, id } = request.params;
    CommandSender.validate('ReplaceDocument', { collection, documentId: id, expectedVersion: 1, content: request.body });
    const expectedVersion = await precondition(request);
    const key = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key');
    return reply.code(202).send(await send(request, 'ReplaceDocument', { collection, documentId: id.toLowerCase(), expectedVersion, content: request.body }, key));
  });

  app.delete<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) => {
    const { collection, id } = request.params;
    CommandSender.validate('DeleteDocument', { collection, documentId: id, expectedVersion: 1 });
    const expectedVersion = await precondition(request);
    const key = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key');
    return reply.code(202).send(await send(request, 'DeleteDocument', { collection, documentId: id.toLowerCase(), expectedVersion }, key));
  });

  app.get<{ Params: Params }>('/documents/:collection/:id', { onRequest: auth }, async (request, reply) => {
    const { collection, id } = request.params;
    const doc = isUuid(id) ? await views().findOne({ _id: id.toLowerCase() }) : null;
    if (!doc || doc.deleted || doc.collection !== collection) throw new CausewayError('NOT_FOUND', `no document ${id} in ${collection}`);
    return reply.header('etag', `"${doc.version}"`).send({ id: doc._id, collection: doc.collection, version: doc.version, content: doc.content ?? {} });
  });

  app.get<{ Params: { collection: string }; Querystring: { limit?: string; after?: string } }>('/documents/:collection', { onRequest: auth }, async (request) => {
    const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new CausewayError('VALIDATION_FAILED', `limit must be an integer from 1 to ${MAX_PAGE}`);
    const after: unknown = request.query.after;
    if (after !== undefined && typeof after !== 'string') throw new CausewayError('VALIDATION_FAILED', 'after must be one document id');
    const filter = { collection: request.params.collection, deleted: false, ...(after ? { _id: { $gt: after } } : {}) };
    const docs = await views().find(filter).sort({ _id: 1 }).limit(limit + 1).toArray();
    const page = docs.slice(0, limit);
    return {
      items: page.map((d) => ({ id: d._id, collection: d.collection, version: d.version, content: d.content ?? {} })),
      next: docs.length > limit ? (page.at(-1)?._id ?? null) : null,
    };
  });
}
