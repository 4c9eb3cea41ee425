import { defineAggregator } from '@causeway/runtime';

/**
 * `documents`: the current content and version of every generic document,
 * with its collection for listing. A deleted document keeps a tombstone
 * (`deleted: true`, content removed) so its version stays known for `If-Match`.
 */
export const documentsAggregator = defineAggregator({
  name: 'documents',
  categories: ['document'],
  collections: { documents: { indexes: [{ keys: { collection: 1, deleted: 1 } }] } },
  // Rejections change nothing here.
  ignores: ['DocumentCommandRejected'],
  handlers: {
    DocumentCreated: ({ data }) => ({
      collection: 'documents',
      id: data.documentId,
      update: { $set: { collection: data.collection, content: data.content, version: data.version, deleted: false } },
    }),
    DocumentPatched: ({ data }) => ({
      collection: 'documents',
      id: data.documentId,
      update: { $set: { collection: data.collection, content: data.content, version: data.version } },
    }),
    DocumentReplaced: ({ data }) => ({
      collection: 'documents',
      id: data.documentId,
      update: { $set: { collection: data.collection, content: data.content, version: data.version } },
    }),
    DocumentDeleted: ({ data }) => ({
      collection: 'documents',
      id: data.documentId,
      update: { $set: { collection: data.collection, version: data.version, deleted: true }, $unset: { content: '' } },
    }),
  },
});
