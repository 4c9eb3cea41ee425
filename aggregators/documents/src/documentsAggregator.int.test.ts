import { randomUUID } from 'node:crypto';
import { aggregatorSpec } from '@causeway/testing';
import { describe, it } from 'vitest';
import { documentsAggregator } from './documentsAggregator.ts';

const [lot, note] = [randomUUID(), randomUUID()];
const s = (id: string) => `document-${id}`;

describe('documents aggregator', () => {
  it('holds the current content and version; a deletion leaves a tombstone with its version', () =>
    aggregatorSpec(documentsAggregator)
      .given([
        { stream: s(lot), type: 'DocumentCreated', data: { collection: 'lots', documentId: lot, content: { title: 'Lamp', tags: [] }, version: 1 } },
        {
          stream: s(lot),
          type: 'DocumentPatched',
          data: {
            collection: 'lots',
            documentId: lot,
            patch: [{ op: 'add', path: '/tags/-', value: 'brass' }],
            content: { title: 'Lamp', tags: ['brass'] },
            version: 2,
          },
        },
        { stream: s(note), type: 'DocumentCreated', data: { collection: 'notes', documentId: note, content: { text: 'hi' }, version: 1 } },
        { stream: s(note), type: 'DocumentReplaced', data: { collection: 'notes', documentId: note, content: { text: 'hello' }, version: 2 } },
        { stream: s(note), type: 'DocumentDeleted', data: { collection: 'notes', documentId: note, version: 3 } },
      ])
      .thenExactly({
        documents: [
          { _id: lot, collection: 'lots', content: { title: 'Lamp', tags: ['brass'] }, version: 2, deleted: false },
          { _id: note, collection: 'notes', version: 3, deleted: true },
        ],
      }));
});
