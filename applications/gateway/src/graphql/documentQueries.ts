import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { connectionType, toPage } from './connection.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { GraphQLContext } from './GraphQLContext.ts';
import { pageSize } from './pageSize.ts';
import { minPositionArg, signedIn } from './rootArgs.ts';
import { JSONObject } from './scalars.ts';

/** `documents` (documents aggregator). */
interface DocumentDoc {
  readonly _id: string;
  readonly collection: string;
  readonly version: number;
  readonly content?: Record<string, unknown>;
  readonly deleted?: boolean;
}

const Document = new GraphQLObjectType<DocumentDoc>({
  name: 'Document',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID), resolve: (d) => d._id },
    collection: { type: new GraphQLNonNull(GraphQLString) },
    version: { type: new GraphQLNonNull(GraphQLInt) },
    content: { type: new GraphQLNonNull(JSONObject) },
  },
});

const DocumentConnection = connectionType('Document', Document);
const collectionArg = { collection: { type: new GraphQLNonNull(GraphQLString) } };
// Deleted documents keep a tombstone in the view (for If-Match); they are never served.
const live = { deleted: { $ne: true } };

/** Documents need a token, as `GET /documents` does: they are shared among signed-in users only. */
export const documentQueries: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  documents: {
    // Nullable, as `me`: an anonymous query loses this field only, not the public board beside it.
    type: DocumentConnection,
    description: 'Documents of a collection, ordered by id (needs the bearer token)',
    args: { ...collectionArg, first: { type: GraphQLInt }, after: { type: GraphQLString }, ...minPositionArg },
    resolve: async (_root, args: { collection: string; first?: number | null; after?: string | null; minPosition?: string | null }, context) => {
      signedIn(context, 'documents');
      context.freshness.require(args.minPosition);
      const size = pageSize(args.first, context.limits.maxPageSize);
      const after = args.after ? (decodeCursor(args.after, 1)[0] as string) : undefined;
      await context.freshness.await(['documents']);
      const rows = await context.db
        .collection<DocumentDoc>('documents')
        .find({ collection: args.collection, ...live, ...(after === undefined ? {} : { _id: { $gt: after } }) }, { projection: { _position: 0 } })
        .sort({ _id: 1 })
        .limit(size + 1)
        .toArray();
      return toPage(rows, size, (d) => encodeCursor([d._id]));
    },
  },
  document: {
    type: Document,
    description: 'One document (null if absent, deleted or in another collection; needs the bearer token)',
    args: { ...collectionArg, id: { type: new GraphQLNonNull(GraphQLID) }, ...minPositionArg },
    resolve: async (_root, args: { collection: string; id: string; minPosition?: string | null }, context) => {
      signedIn(context, 'document');
      context.freshness.require(args.minPosition);
      await context.freshness.await(['documents']);
      return context.db.collection<DocumentDoc>('documents').findOne({ _id: args.id, collection: args.collection, ...live }, { projection: { _position: 0 } });
    },
  },
};
