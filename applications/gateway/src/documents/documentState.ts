import { streamNames, type MessageStore } from '@causeway/runtime';

/** What the write side knows of a document: enough to check `If-Match`. */
export interface DocumentState {
  readonly collection: string;
  readonly version: number;
  readonly deleted: boolean;
}

/**
 * The document's version from its own stream, not from the view: the view
 * follows a few ms behind, and a client that has just created a document
 * and patches it at once must not get a false 404 or 412. Rejections on the
 * stream change nothing.
 */
export async function documentState(store: MessageStore, documentId: string): Promise<DocumentState | undefined> {
  let state: DocumentState | undefined;
  for await (const event of store.readStream(streamNames.entity('document', documentId))) {
    switch (event.type) {
      case 'DocumentCreated':
      case 'DocumentPatched':
      case 'DocumentReplaced':
        state = { collection: event.data.collection, version: event.data.version, deleted: false };
        break;
      case 'DocumentDeleted':
        state = { collection: event.data.collection, version: event.data.version, deleted: true };
        break;
      default:
        break;
    }
  }
  return state;
}
