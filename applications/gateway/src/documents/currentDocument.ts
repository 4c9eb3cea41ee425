import { documents, type DocumentState } from '@causeway/documents';
import { loadEntity, type MessageStore } from '@causeway/runtime';

/**
 * A document's state from its own stream, folded by the documents component's
 * own `evolve`, not from the view: the view follows a few ms behind, and a
 * client that has just created a document and patches it at once must not get
 * a false 404 or 412.
 */
export async function currentDocument(store: MessageStore, documentId: string): Promise<DocumentState> {
  return (await loadEntity(store, documents, documentId)).state;
}
