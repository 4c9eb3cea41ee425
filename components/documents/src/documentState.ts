import type { RecordedEvent } from '@causeway/runtime';

export type DocumentContent = { readonly [key: string]: unknown };

/**
 * `version` counts the changes: 1 after creation, +1 per patch, replace and
 * delete. A deleted document keeps its collection and last version (a
 * DELETED answer tells it) but no content.
 */
export type DocumentState =
  | { readonly status: 'none' }
  | { readonly status: 'live'; readonly collection: string; readonly content: DocumentContent; readonly version: number }
  | { readonly status: 'deleted'; readonly collection: string; readonly version: number };

export type DocumentEvent = 'DocumentCreated' | 'DocumentPatched' | 'DocumentReplaced' | 'DocumentDeleted' | 'DocumentCommandRejected';

export const initialDocumentState = (): DocumentState => ({ status: 'none' });

/** Content is taken from the events (DocumentPatched carries the result), so the fold never re-applies a patch. */
export function evolveDocument(state: DocumentState, event: RecordedEvent<DocumentEvent>): DocumentState {
  switch (event.type) {
    case 'DocumentCreated':
    case 'DocumentPatched':
    case 'DocumentReplaced':
      return { status: 'live', collection: event.data.collection, content: event.data.content, version: event.data.version };
    case 'DocumentDeleted':
      return { status: 'deleted', collection: event.data.collection, version: event.data.version };
    case 'DocumentCommandRejected':
      return state;
  }
}
